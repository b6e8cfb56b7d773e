"""What the byte budgets and the benchmark measure."""
