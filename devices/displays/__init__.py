"""Counter LED displays: drivers for the serial protocols, the bus, the emulator."""
