"""The customer's voice: feedback links and the responses given through them."""
