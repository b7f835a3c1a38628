"""Who may answer an evaluation, read its results and print a certificate."""
