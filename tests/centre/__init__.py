"""Tests of the centre database and the kcfield-centre command."""
