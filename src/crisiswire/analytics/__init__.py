"""Analytics over fused events: the escalation index of a dyad."""
