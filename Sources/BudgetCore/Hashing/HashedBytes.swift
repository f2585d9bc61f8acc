/// Bytes held in memory with their SHA-256, computed from these very bytes when the value
/// is made (there is no other way to make one).
///
/// Why: `submit` reads a small file once, on a worker, and the recording thread stores it.
/// The store refuses bytes that are not those checked; with the digest bound to the bytes
/// by construction, it need not hash them a second time on the one thread that records.
public struct HashedBytes: Sendable {
    public let bytes: [UInt8]
    /// Lowercase hexadecimal.
    public let sha256: String

    public init(hashing bytes: [UInt8]) {
        self.bytes = bytes
        self.sha256 = SHA256.hex(bytes)
    }
}
