//! Who a person is to guichet: certificates and the national identification number.
