"""Write to an organization through the hub, without seeing its address; reports of messages."""
