extension StaticString {
    /// The literal's UTF-8 bytes, in the binary's read-only data: no allocation, no
    /// reference counting.
    var utf8: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of a string literal.
    ///
    /// The encoders' hot loops append fixed markup (`<c`, `</v></c>`) millions of times; a
    /// `static let` array would be retained and released on every use, a `StaticString`
    /// is a pointer and a length.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(contentsOf: literal.utf8)
    }
}
