"""The scheduler: its jobs (month close, overdue check), how a run happens once, its process."""
