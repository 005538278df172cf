"""Static transparency site generator for Police and Crime Commissioners."""
