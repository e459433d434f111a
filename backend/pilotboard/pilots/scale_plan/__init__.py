"""The scale plan: the rollout scope and the changes per department."""
