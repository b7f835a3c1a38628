"""Who may see a programme, run it, choose sessions and present."""
