"""Le catalogue français : la langue par défaut du bot."""
