"""Pure functions from read models to text and keyboards: testable without an Application."""
