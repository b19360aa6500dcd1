//! The table of endpoints and addresses a push may and may not go to.

use super::*;

fn strict() -> EndpointPolicy {
    EndpointPolicy::default()
}

fn loopback_allowed() -> EndpointPolicy {
    EndpointPolicy {
        allow_loopback_http: true,
        allowed_hosts: Vec::new(),
    }
}

/// Endpoints whose host is in a non-public network, in every spelling the URL parser accepts.
const REFUSED_ADDRESSES: &[&str] = &[
    // Cloud metadata and link-local.
    "https://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/x",
    // Loopback, in decimal, hex, octal, short and percent-encoded forms.
    "https://127.0.0.1:9200/x",
    "https://127.1/x",
    "https://2130706433/x",
    "https://0x7f000001/x",
    "https://0x7f.1/x",
    "https://0177.0.0.1/x",
    "https://0177.0.0.01/x",
    "https://%31%32%37.0.0.1/x",
    "https://127.0.0.1./x",
    "https://[::1]/x",
    "https://[0:0:0:0:0:0:0:1]/x",
    "https://localhost/x",
    "https://LOCALHOST./x",
    "https://push.localhost/x",
    "https://ｌｏｃａｌｈｏｓｔ/x",
    // Private, CGNAT, this-network, unspecified.
    "https://10.0.0.5:9200/x",
    "https://012.0.0.5/x",
    "https://167772165/x",
    "https://172.16.0.1/x",
    "https://172.31.255.255/x",
    "https://192.168.1.1/x",
    "https://0xc0.0xa8.1.1/x",
    "https://100.64.0.1/x",
    "https://100.127.255.254/x",
    "https://0.0.0.0/x",
    "https://0/x",
    "https://0.1.2.3/x",
    "https://[::]/x",
    // IETF assignments, documentation, benchmarking, 6to4 relay, multicast, reserved, broadcast.
    "https://192.0.0.8/x",
    "https://192.0.2.1/x",
    "https://198.51.100.7/x",
    "https://203.0.113.9/x",
    "https://198.18.0.1/x",
    "https://198.19.255.1/x",
    "https://192.88.99.1/x",
    "https://224.0.0.1/x",
    "https://239.255.255.250/x",
    "https://240.0.0.1/x",
    "https://255.255.255.255/x",
    // IPv6: mapped, compatible, unique-local, site-local, multicast, discard, documentation.
    "https://[::ffff:127.0.0.1]/x",
    "https://[::ffff:7f00:1]/x",
    "https://[::ffff:8.8.8.8]/x",
    "https://[::127.0.0.1]/x",
    "https://[::8.8.8.8]/x",
    "https://[fc00::1]/x",
    "https://[fd12:3456::1]/x",
    "https://[fec0::1]/x",
    "https://[ff02::1]/x",
    "https://[100::1]/x",
    "https://[2001:db8::1]/x",
    "https://[3fff::1]/x",
    // Teredo, benchmarking, ORCHID (2001::/23).
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x",
    "https://[2001:2::1]/x",
    "https://[2001:20::1]/x",
    // NAT64 and 6to4 around a private IPv4.
    "https://[64:ff9b::10.0.0.1]/x",
    "https://[64:ff9b::7f00:1]/x",
    "https://[64:ff9b:1::8.8.8.8]/x",
    "https://[2002:a00:1::1]/x",
    "https://[2002:7f00:1::]/x",
    "https://[2002:a9fe:a9fe::1]/x",
    // A single label resolves through the server's own search domains.
    "https://metadata/computeMetadata/v1/",
    "https://intranet:8443/x",
];

/// Endpoints on public hosts: real push services and public addresses in their spellings.
const ACCEPTED: &[&str] = &[
    "https://fcm.googleapis.com/fcm/send/abc:def",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
    "https://web.push.apple.com/QGx",
    "https://wns2-par02p.notify.windows.com/w/?token=AQE",
    "https://push.example.net:8443/x",
    "https://8.8.8.8/x",
    "https://134744072/x",
    "https://100.63.255.255/x",
    "https://100.128.0.1/x",
    "https://172.15.255.255/x",
    "https://172.32.0.1/x",
    "https://198.17.255.255/x",
    "https://198.20.0.1/x",
    "https://192.0.1.1/x",
    "https://[2a00:1450:4007:80f::200a]/x",
    "https://[64:ff9b::8.8.8.8]/x",
    "https://[2002:808:808::1]/x",
    "https://bücher.example/x",
];

#[test]
fn endpoints_in_non_public_networks_are_refused_in_every_spelling() {
    for endpoint in REFUSED_ADDRESSES {
        assert_eq!(
            strict().check(endpoint).map(|u| u.to_string()),
            Err(Invalid::PushEndpointAddress),
            "{endpoint}"
        );
    }
}

#[test]
fn endpoints_on_public_hosts_are_accepted() {
    for endpoint in ACCEPTED {
        assert!(strict().check(endpoint).is_ok(), "{endpoint}");
    }
}

#[test]
fn the_parser_reads_numeric_spellings_as_the_address_they_mean() {
    for (endpoint, host) in [
        ("https://2130706433/", "127.0.0.1"),
        ("https://0x7f.1/", "127.0.0.1"),
        ("https://0177.0.0.1/", "127.0.0.1"),
        ("https://127.1/", "127.0.0.1"),
        ("https://%31%32%37.0.0.1/", "127.0.0.1"),
        ("https://0xA9.0xFE.0xA9.0xFE/", "169.254.169.254"),
        ("https://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"),
        ("https://ＦＣＭ.googleapis.com/", "fcm.googleapis.com"),
    ] {
        let url = Url::parse(endpoint).unwrap();
        assert_eq!(url.host_str(), Some(host), "{endpoint}");
    }
}

#[test]
fn only_https_without_user_info_is_a_push_endpoint() {
    for endpoint in [
        "http://push.example.net/x",
        "ftp://push.example.net/x",
        "wss://push.example.net/x",
        "file:///etc/passwd",
        "data:text/plain,x",
        "https://user@push.example.net/x",
        "https://:pw@push.example.net/x",
        "https://",
        "https://[fe80::1%25eth0]/x",
        "push.example.net/x",
        "https://push example.net/x",
        "https://[::1/x",
    ] {
        assert_eq!(
            strict().check(endpoint),
            Err(Invalid::PushEndpoint),
            "{endpoint}"
        );
    }
    assert_eq!(strict().check("  "), Err(Invalid::Required));
    let long = format!("https://push.example.net/{}", "a".repeat(ENDPOINT_MAX));
    assert_eq!(strict().check(&long), Err(Invalid::TooLong));
}

#[test]
fn the_test_setting_allows_loopback_and_nothing_else() {
    let policy = loopback_allowed();
    for endpoint in [
        "http://127.0.0.1:9/x",
        "http://127.1:9/x",
        "http://2130706433:9/x",
        "http://[::1]:9/x",
        "http://localhost/x",
        "https://127.0.0.1/x",
    ] {
        assert!(policy.check(endpoint).is_ok(), "{endpoint}");
    }
    for endpoint in [
        "https://10.0.0.5:9200/x",
        "https://169.254.169.254/x",
        "https://192.168.1.1/x",
        "https://[fd00::1]/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://0.0.0.0/x",
    ] {
        assert_eq!(
            policy.check(endpoint),
            Err(Invalid::PushEndpointAddress),
            "{endpoint}"
        );
    }
    assert_eq!(
        policy.check("http://push.example.net/x"),
        Err(Invalid::PushEndpoint)
    );
    assert_eq!(
        policy.check("http://10.0.0.5/x"),
        Err(Invalid::PushEndpointAddress)
    );
    assert!(policy.allows_address("127.0.0.1".parse().unwrap()));
    assert!(policy.allows_address("::1".parse().unwrap()));
    assert!(!policy.allows_address("10.0.0.1".parse().unwrap()));
    assert!(!policy.allows_address("::ffff:127.0.0.1".parse().unwrap()));
    assert!(!strict().allows_address("127.0.0.1".parse().unwrap()));
}

#[test]
fn an_allow_list_admits_its_hosts_and_their_subdomains_only() {
    let policy = EndpointPolicy {
        allow_loopback_http: false,
        allowed_hosts: vec!["push.apple.com".into(), "fcm.googleapis.com".into()],
    };
    assert!(policy.check("https://web.push.apple.com/x").is_ok());
    assert!(policy.check("https://fcm.googleapis.com/x").is_ok());
    assert!(policy.check("https://FCM.googleapis.com./x").is_ok());
    for endpoint in [
        "https://evilpush.apple.com/x",
        "https://push.apple.com.evil.net/x",
        "https://8.8.8.8/x",
        "https://push.example.net/x",
    ] {
        assert_eq!(
            policy.check(endpoint),
            Err(Invalid::PushEndpointHost),
            "{endpoint}"
        );
    }
    assert_eq!(
        policy.check("https://10.0.0.1/x"),
        Err(Invalid::PushEndpointAddress)
    );
}

#[test]
fn addresses_are_classified_by_their_range() {
    let public = ["1.1.1.1", "8.8.4.4", "2606:4700::1111", "64:ff9b::1.1.1.1"];
    let private = [
        "127.255.255.255",
        "169.254.0.1",
        "100.64.0.0",
        "192.0.0.255",
        "::",
        "::1",
        "::ffff:1.1.1.1",
        "fe80::1",
        "febf::1",
        "fc00::",
        "fdff::1",
        "ff0e::1",
        "2001::1",
        "2001:1ff::1",
        "100::ffff",
        "2002:c0a8:101::1",
    ];
    for ip in public {
        assert!(is_public(ip.parse().unwrap()), "{ip}");
    }
    for ip in private {
        assert!(!is_public(ip.parse().unwrap()), "{ip}");
    }
}
