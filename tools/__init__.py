"""Tools the assistant calls: the award calculator, policy search, and the amount parser they share."""
