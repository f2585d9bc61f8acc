/// Name–value pairs of a form, in order: from a query string, an
/// `application/x-www-form-urlencoded` body, or the text fields of a multipart form.
///
/// One type for the three sources so that a page reads its inputs the same way whichever
/// way the browser sent them.
public struct HTTPFormFields: Sendable, Equatable, Sequence {
    /// One pair, decoded.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every pair, in the order sent (repeated names kept).
    public private(set) var fields: [Field]

    /// Fields given directly (tests, or a form assembled by hand).
    public init(_ fields: [Field] = []) { self.fields = fields }

    /// Decodes `application/x-www-form-urlencoded` text (a query or a form body): pairs
    /// split on `&`, name from value on the first `=`, `+` read as a space, then
    /// percent-decoding. Nil if an escape is not `%` and two hex digits, or a decoded name
    /// or value is not UTF-8: the portal answers 400 rather than guess (the WHATWG
    /// decoder would repair; a government form should not silently change what was typed).
    /// Empty pairs (`a=1&&b=2`) are skipped; a pair without `=` has an empty value.
    /// - Complexity: O(n).
    public init?<C: Collection>(urlEncoded bytes: C) where C.Element == UInt8 {
        var fields: [Field] = []
        for pair in Array(bytes).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: HTTPBytes.equals)
            guard let name = Self.decode(pair[..<(equals ?? pair.endIndex)]),
                let value = Self.decode(equals.map { pair[($0 + 1)...] } ?? [])
            else { return nil }
            fields.append(Field(name: name, value: value))
        }
        self.fields = fields
    }

    /// Decodes form-urlencoded text given as a string (a raw query).
    public init?(urlEncoded text: String) { self.init(urlEncoded: text.utf8) }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of this name (names are case-sensitive in forms), or nil.
    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of this name, in order (check boxes, multiple selects).
    public func values(for name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    public mutating func append(name: String, value: String) { fields.append(Field(name: name, value: value)) }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == HTTPBytes.percent {
                guard index + 2 < bytes.endIndex, let high = HTTPBytes.hexValue(bytes[index + 1]),
                    let low = HTTPBytes.hexValue(bytes[index + 2])
                else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == HTTPBytes.plus ? HTTPBytes.space : byte)
                index += 1
            }
        }
        return HTTPBytes.validUTF8String(decoded)
    }
}
