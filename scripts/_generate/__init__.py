"""The parts of `scripts/generate.py`: discovering the models, rendering what they imply."""
