"""The team: a coordinator manages who can sign in, with which role."""
