import HTTPServer
import Testing

@Suite("Request target")
struct RequestTargetTests {
    static let acceptedTargets: [(String, String, String?)] = [
        ("/", "/", nil),
        ("/a/b?x=1&y=2", "/a/b", "x=1&y=2"),
        ("/a?", "/a", ""),
        ("/a%20b", "/a b", nil),
        ("/%25", "/%", nil),
        ("/%2525", "/%25", nil),
        ("/t%E1%BB%87p/b%c3%a1o-c%C3%A1o.xlsx", "/tệp/báo-cáo.xlsx", nil),
        ("/a//b", "/a//b", nil),
        ("/a/.b/..c/...", "/a/.b/..c/...", nil),
        ("/a?q=%2e%2e/%00", "/a", "q=%2e%2e/%00"),
        ("/a+b", "/a+b", nil),
    ]

    @Test("origin-form targets split into a path decoded once and a raw query", arguments: acceptedTargets)
    func accepted(_ target: String, _ path: String, _ query: String?) throws {
        let parsed = try HTTPRequestTarget(parsing: target.utf8)
        #expect(parsed.path == path)
        #expect(parsed.query == query)
    }

    static let refusedTargets: [(String, HTTPTargetError)] = [
        ("*", .notOriginForm),
        ("http://portal/a", .notOriginForm),
        ("portal:80", .notOriginForm),
        ("a/b", .notOriginForm),
        ("/a#b", .fragment),
        ("/a?b#c", .fragment),
        ("/%", .invalidPercentEncoding),
        ("/%4", .invalidPercentEncoding),
        ("/%G0", .invalidPercentEncoding),
        ("/a%2", .invalidPercentEncoding),
        ("/%00", .encodedControl),
        ("/a%0d%0aSet-Cookie:x", .encodedControl),
        ("/%7F", .encodedControl),
        ("/a%2Fb", .encodedSlash),
        ("/a%2fb", .encodedSlash),
        ("/a\\b", .backslash),
        ("/a%5Cb", .backslash),
        ("/a%5c..%5cb", .backslash),
        ("/..", .dotSegment),
        ("/.", .dotSegment),
        ("/a/../b", .dotSegment),
        ("/a/./b", .dotSegment),
        ("/a/..", .dotSegment),
        ("/%2e%2e/etc/passwd", .dotSegment),
        ("/%2E%2e", .dotSegment),
        ("/a/%2e/b", .dotSegment),
        ("/.%2e/", .dotSegment),
        ("/%FF", .invalidUTF8),
        ("/%C3", .invalidUTF8),
        ("/%C0%AE%C0%AE", .invalidUTF8),
    ]

    @Test("targets that could mean another path elsewhere are refused", arguments: refusedTargets)
    func refused(_ target: String, _ error: HTTPTargetError) {
        #expect(throws: error) { try HTTPRequestTarget(parsing: target.utf8) }
    }

    @Test("a refused target makes the whole request a 400")
    func refusedThroughParser() {
        #expect(refusal("GET /%2e%2e/x HTTP/1.1\r\nHost: h\r\n\r\n") == .invalidTarget(.dotSegment))
        #expect(HTTPRequestHeadError.invalidTarget(.dotSegment).status == .badRequest)
    }
}

@Suite("Forms, cookies, forwarded addresses")
struct FormAndCookieTests {
    @Test("form-urlencoded pairs decode + as space and percent escapes, in order")
    func urlEncoded() throws {
        let fields = try #require(
            HTTPFormFields(urlEncoded: "agency=BAOKT&note=d%E1%BB%B1+to%C3%A1n&a=1&a=2&plus=%2B&empty=&flag"))
        #expect(fields["agency"] == "BAOKT")
        #expect(fields["note"] == "dự toán")
        #expect(fields.values(for: "a") == ["1", "2"])
        #expect(fields["plus"] == "+")
        #expect(fields["empty"] == "")
        #expect(fields["flag"] == "")
        #expect(fields["missing"] == nil)
        #expect(fields.count == 7)
    }

    @Test("empty pairs are skipped; = inside a value is kept")
    func emptyPairs() throws {
        let fields = try #require(HTTPFormFields(urlEncoded: "&&a=b=c&&"))
        #expect(fields.fields == [HTTPFormFields.Field(name: "a", value: "b=c")])
    }

    @Test(
        "a bad escape or a value that is not UTF-8 makes the whole form unreadable",
        arguments: ["a=%", "a=%4", "a=%zz", "a=%FF", "%C3=1"])
    func invalidForm(_ text: String) {
        #expect(HTTPFormFields(urlEncoded: text) == nil)
    }

    @Test("cookies parse leniently: bad pairs are skipped, quotes removed, several headers read in order")
    func cookies() {
        var headers = HTTPHeaders()
        headers.add(name: "Cookie", value: "sid=abc123; theme=\"dark\"; broken; =nameless; b a d=1; lang=vi")
        headers.add(name: "cookie", value: "extra=1")
        let cookies = HTTPCookies(headers: headers)
        #expect(cookies["sid"] == "abc123")
        #expect(cookies["theme"] == "dark")
        #expect(cookies["lang"] == "vi")
        #expect(cookies["extra"] == "1")
        #expect(cookies["broken"] == nil)
        #expect(cookies.cookies.map(\.name) == ["sid", "theme", "lang", "extra"])
    }

    @Test("Set-Cookie carries the attributes asked for, safe ones by default")
    func setCookie() throws {
        let session = try #require(
            HTTPSetCookie(name: "sid", value: "abc", maxAge: 3600, secure: true, httpOnly: true, sameSite: .strict))
        #expect(session.headerValue == "sid=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict")
        let defaults = try #require(HTTPSetCookie(name: "a", value: "1"))
        #expect(defaults.headerValue == "a=1; Path=/; HttpOnly; SameSite=Lax")
        let deletion = try #require(
            HTTPSetCookie(name: "a", value: "", path: "/admin", maxAge: 0, httpOnly: false, sameSite: nil))
        #expect(deletion.headerValue == "a=; Path=/admin; Max-Age=0")
    }

    @Test("Set-Cookie refuses names and values that would need escaping or split the header")
    func setCookieRefusals() {
        #expect(HTTPSetCookie(name: "s id", value: "1") == nil)
        #expect(HTTPSetCookie(name: "sid", value: "a;b") == nil)
        #expect(HTTPSetCookie(name: "sid", value: "a\r\nSet-Cookie: x=1") == nil)
        #expect(HTTPSetCookie(name: "sid", value: "\"q\"") == nil)
        #expect(HTTPSetCookie(name: "sid", value: "1", path: "/a; Domain=evil") == nil)
    }

    @Test("X-Forwarded-For is ignored unless the peer is a trusted proxy")
    func untrustedPeer() {
        let client = HTTPForwardedFor.clientAddress(
            peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trustedProxies: ["10.0.0.1"])
        #expect(client == "203.0.113.9")
    }

    @Test("behind trusted proxies the client is the right-most address that is not one of them")
    func trustedChain() {
        let trusted: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(
            HTTPForwardedFor.clientAddress(
                peer: "10.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.7", "10.0.0.2"], trustedProxies: trusted)
                == "198.51.100.7")
        #expect(
            HTTPForwardedFor.clientAddress(peer: "10.0.0.1", forwardedFor: [], trustedProxies: trusted) == "10.0.0.1")
        #expect(
            HTTPForwardedFor.clientAddress(peer: "10.0.0.1", forwardedFor: ["10.0.0.2"], trustedProxies: trusted)
                == "10.0.0.2")
        #expect(
            HTTPForwardedFor.clientAddress(
                peer: "10.0.0.1", forwardedFor: ["1.2.3.4, garbage"], trustedProxies: trusted)
                == "10.0.0.1")
    }

    @Test("addresses are compared and returned in canonical form, IPv4-mapped IPv6 as IPv4")
    func canonicalAddresses() {
        #expect(
            HTTPForwardedFor.clientAddress(
                peer: "::ffff:10.0.0.1", forwardedFor: ["2001:DB8:0:0::1"], trustedProxies: ["10.0.0.1"])
                == "2001:db8::1")
        #expect(
            HTTPForwardedFor.clientAddress(
                peer: "::1", forwardedFor: [" ::ffff:192.0.2.1 "], trustedProxies: ["0:0::1"])
                == "192.0.2.1")
    }
}
