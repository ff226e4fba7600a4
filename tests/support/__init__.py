"""Offline Telegram test harness: Bot API schema checks, recording transport, user driver."""
