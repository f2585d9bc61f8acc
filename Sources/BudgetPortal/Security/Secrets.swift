/// Random tokens and their comparison: session ids and CSRF tokens.
enum Secrets {
    /// 32 bytes (256 bits) from the system's CSPRNG (`SystemRandomNumberGenerator`:
    /// getrandom(2) on Linux), as 64 lowercase hex digits: cookie-safe, URL-safe, and
    /// far beyond guessing.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(64)
        let digits = Array("0123456789abcdef")
        for _ in 0..<4 {
            var word: UInt64 = generator.next()
            for _ in 0..<16 {
                out.append(digits[Int(word & 15)])
                word >>= 4
            }
        }
        return out
    }

    /// Whether two strings are equal, in time that depends only on their lengths: a CSRF
    /// token compared byte by byte and stopping at the first difference would tell an
    /// attacker, by timing, how much of a guess was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
