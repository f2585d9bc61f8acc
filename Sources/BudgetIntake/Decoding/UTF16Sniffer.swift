/// Recognises UTF-16 without a byte-order mark.
///
/// Excel always writes a BOM, but database exports (SQL Server's `bcp -w`), .NET's
/// `Encoding.Unicode` and some web forms do not. Such a file is unmistakable: its ASCII
/// characters — in a Vietnamese CSV, digits, separators and most letters, over half of
/// the text — have a zero high byte, so every other byte is NUL, while the other half of
/// the bytes is almost never NUL. Neither UTF-8 nor Windows-1258 text holds NUL bytes at
/// all, so accepting such a file costs no other reading: the alternative is calling it
/// unreadable. The decoded prefix must then be valid UTF-16 text, or the file is
/// unreadable after all (a binary file with many NULs).
enum UTF16Sniffer {
    /// How much of the prefix the statistics look at.
    static let sampleLength = 64 * 1024

    /// The byte order the sample shows, or nil when it does not look like UTF-16.
    ///
    /// Thresholds: of the code units sampled, at least 30 % have a NUL in the high byte's
    /// position (Vietnamese NFC text has 70–90 %: ASCII and Latin-1 letters), and NULs in
    /// the low byte's position are under a tenth of those (they come from U+0100, U+0300,
    /// U+1E00 … only). UTF-32 fails the second test (half its "low" bytes are NUL), so it
    /// stays unreadable. At least two code units are needed.
    static func byteOrder(_ prefix: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        let units = min(prefix.count, sampleLength) / 2
        guard units >= 2, let base = prefix.baseAddress else { return nil }
        // Nearly every file has no NUL at all, and then neither count can pass: a vector
        // search of the sample instead of a loop over its code units.
        if !hasNUL(base, count: 2 * units) { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for unit in 0..<units {
            if prefix[2 * unit] == 0 { zeroEven += 1 }
            if prefix[2 * unit + 1] == 0 { zeroOdd += 1 }
        }
        if zeroOdd * 10 >= units * 3, zeroEven * 10 < zeroOdd { return .utf16LE }
        if zeroEven * 10 >= units * 3, zeroOdd * 10 < zeroEven { return .utf16BE }
        return nil
    }

    /// Whether `base[0..<count]` holds a zero byte, sixteen bytes a step.
    static func hasNUL(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let zero = ByteSearch.Block(repeating: 0)
        var i = 0
        while i &+ 16 <= count {
            let block = UnsafeRawPointer(base + i).loadUnaligned(as: ByteSearch.Block.self)
            if any(block .== zero) { return true }
            i &+= 16
        }
        while i < count {
            if base[i] == 0 { return true }
            i &+= 1
        }
        return false
    }
}
