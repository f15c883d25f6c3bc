"""`motcua-desk --kiosk`: the self-service ticket kiosk."""
