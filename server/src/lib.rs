//! guichet: the backend of a national e-government portal.
