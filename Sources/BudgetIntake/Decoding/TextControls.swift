/// What counts as text, whatever the encoding.
///
/// The contract calls a file unreadable when, read as Windows-1258, it holds NUL bytes or C0
/// controls other than tab, CR and LF. The reader applies the same rule to every encoding
/// (a NUL in a UTF-8 file is no more text than in a Windows-1258 one, and the XLSX the
/// package contains cannot hold C0 controls at all), so all decoders share this test.
enum TextControls {
    /// Whether `value` (a byte or a scalar value) is NUL or a C0 control other than tab,
    /// LF and CR.
    @inline(__always)
    static func isForbiddenControl<Value: BinaryInteger>(_ value: Value) -> Bool {
        value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D
    }
}
