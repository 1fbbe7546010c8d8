"""Stage ``casualties``: victim counts on violent events, and who reports them."""
