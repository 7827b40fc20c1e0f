"""The guiding principles: versions that never change and the mentors' signatures."""
