"""Looking for partners: calls on actions and partnerships, offers to partner and their answers."""
