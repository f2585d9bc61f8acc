/// The client's address when the portal runs behind reverse proxies it trusts.
///
/// `X-Forwarded-For` is written by every hop: the client itself can put anything at its
/// start, and only what the trusted proxies appended (at its end) is believable. Whether
/// to trust a proxy is the portal's decision; this only reads the header right to left.
public enum HTTPForwardedFor {
    /// The address to treat as the client's.
    ///
    /// If `peer` (the socket's address) is not one of `trustedProxies`, the header is
    /// ignored and `peer` returned: anyone can send the header. Otherwise the entries of
    /// every `X-Forwarded-For` value (in order, comma-separated) are read from the right,
    /// skipping trusted proxies; the first other one is the client. An entry that is not an
    /// IP literal there means the chain cannot be trusted, and `peer` is returned; if every
    /// entry is a trusted proxy, the left-most is.
    ///
    /// - Parameters:
    ///   - peer: the connection's peer address (``HTTPConnectionInfo/peer``'s host).
    ///   - forwardedFor: the header's values (`request.headers.values(for: "X-Forwarded-For")`).
    ///   - trustedProxies: IP literals of the proxies in front of the server.
    /// - Returns: a canonical IP literal (IPv4-mapped IPv6 shown as IPv4).
    public static func clientAddress(peer: String, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        let trusted = Set(trustedProxies.compactMap(IPAddress.canonical))
        let peerAddress = IPAddress.canonical(peer) ?? peer
        guard trusted.contains(peerAddress) else { return peerAddress }
        let entries = forwardedFor.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { String($0).trimmingOWS }
        var leftmost = peerAddress
        for entry in entries.reversed() {
            guard let address = IPAddress.canonical(entry) else { return peerAddress }
            if !trusted.contains(address) { return address }
            leftmost = address
        }
        return leftmost
    }
}
