"""Staff commands run by make: newpost, check, screenshots, favicons."""
