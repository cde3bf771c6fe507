// Replaced by the sandbox host (issue 3).
return 0;
