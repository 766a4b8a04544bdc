"""Wards: the registry of units, ward files and channels, the ward pages and directory, editing a ward's
channels."""
