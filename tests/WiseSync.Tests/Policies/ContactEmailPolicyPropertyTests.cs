using FsCheck;
using FsCheck.Fluent;
using WiseSync.Policies;

namespace WiseSync.Tests.Policies;

/// <summary>
/// The contact rules over random contact lists and recipient lists (case variants, spaces, ad-hoc and foreign addresses,
/// inactive and several or no primaries), for a person-list sink (Xero-like, 5) and a one-field sink (QuickBooks-like).
/// </summary>
public sealed class ContactEmailPolicyPropertyTests
{
    private const string Company = "co-1";
    private static readonly AccountingCapabilities Persons5 = new(5, null, 30, 255, 50);
    private static readonly AccountingCapabilities OneField = new(0, 100, 100, 21, 30);
    private static readonly string[] Names = ["ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal", "ivy"];

    public sealed record Case(IReadOnlyList<PsaContact> Contacts, IReadOnlyList<string> Recipients, bool OneFieldSink);

    private static Gen<PsaContact> Contact(int id) =>
        from name in Gen.Elements(Names)
        from upper in Gen.Elements(false, true)
        from primary in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from active in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from company in Gen.Frequency((5, Gen.Constant(Company)), (1, Gen.Constant("co-2")))
        from email in Gen.Frequency((8, Gen.Constant<string?>(upper ? $"{name.ToUpperInvariant()}@Acme.example" : $"{name}@acme.example")), (1, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>(" ")))
        select new PsaContact(id.ToString(System.Globalization.CultureInfo.InvariantCulture), company, name, "Tester", email, primary, active);

    private static Gen<string> Recipient() =>
        from name in Gen.Elements(Names.Append("stranger").ToArray())
        from form in Gen.Elements("{0}@acme.example", " {0}@ACME.example ", "{0}@Acme.Example", "{0}@other.example")
        select string.Format(System.Globalization.CultureInfo.InvariantCulture, form, name);

    private static Gen<Case> Cases() =>
        from count in Gen.Choose(0, 10)
        from generated in Gen.ArrayOf(Contact(0), count)
        let contacts = generated.Select((x, i) => x with { Id = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })
        from recipientCount in Gen.Choose(0, 12)
        from recipients in Gen.ArrayOf(Recipient(), recipientCount)
        from oneField in Gen.Elements(false, true)
        select new Case(contacts.ToList(), recipients, oneField);

    [Fact]
    public void Contact_rules_hold_for_any_contacts_and_recipients()
    {
        var policy = new ContactEmailPolicy(ContactEmailHandling.PrimaryAndRecipients);
        var property = Prop.ForAll(Arb.From(Cases()), (Case c) =>
        {
            var selection = policy.Select(Company, c.Recipients, c.Contacts, c.OneFieldSink ? OneField : Persons5);
            var active = c.Contacts.Where(x => x.CompanyId == Company && x.IsActive && !string.IsNullOrWhiteSpace(x.Email)).ToList();
            var activeEmails = active.Select(x => x.Email!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var primary = active.Where(x => x.IsPrimary).Select(x => x.Email!.Trim()).FirstOrDefault();

            // The primary is the PSA's active primary, always, and nobody else.
            Assert.Equal(primary, selection.Primary?.Email);

            var usable = c.Recipients.Select(r => r.Trim()).Where(activeEmails.Contains).ToList();
            if (usable.Count == 0)
            {
                // No usable recipient: persons / email list left exactly as they are.
                Assert.Null(selection.Others);
                Assert.Null(selection.EmailAddresses);
                return;
            }

            var others = selection.Others!.Select(o => o.Email).ToList();
            Assert.All(others, e => Assert.Contains(e, activeEmails));
            Assert.Equal(others.Count, others.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.DoesNotContain(primary ?? "\0", others, StringComparer.OrdinalIgnoreCase);

            // PSA order: the persons are the usable recipients (less the primary) in first-seen order, a prefix when capped.
            var expectedOrder = usable.Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(e => !string.Equals(e, primary, StringComparison.OrdinalIgnoreCase))
                .ToList();
            Assert.Equal(expectedOrder.Take(others.Count), others, StringComparer.OrdinalIgnoreCase);
            if (!c.OneFieldSink)
            {
                Assert.True(others.Count + (selection.PrimaryIsRecipient ? 1 : 0) <= 5);
                Assert.Equal(Math.Min(expectedOrder.Count, 5 - (selection.PrimaryIsRecipient ? 1 : 0)), others.Count);
            }
            else
            {
                Assert.Equal(expectedOrder.Count, others.Count);
                var addresses = selection.EmailAddresses!;
                Assert.Equal(addresses.Count, addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count());
                if (primary is not null)
                {
                    Assert.Equal(primary, addresses[0]);
                }
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true), property);
    }
}
