import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Decoding driver")
struct EncodingDriverTests {
    static let text = Fixture.header + "\n1,I.1,Mua bàn ghế,cái,2,5,10,\n"

    @Test("UTF-16 LE with BOM, tab-separated (Excel Unicode text), reads like UTF-8")
    func utf16() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.text.replacingOccurrences(of: ",", with: "\t").utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        for chunk in [Int.max, 3] {
            let result = Fixture.read(bytes: bytes, chunk: chunk)
            #expect(result.report.encoding == "utf-16le")
            #expect(result.report.separator == "\t")
            #expect(result.lines.first?.description == "Mua bàn ghế")
            #expect(result.lines.first?.amount == Money(dong: 10))
        }
    }

    @Test("a UTF-8 BOM is skipped and named")
    func bom() {
        let result = Fixture.read(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8))
        #expect(result.report.encoding == "utf-8-bom")
        #expect(result.lines.count == 1)
        #expect(result.consumer.preamble?.columns[.number]?.name == "STT")
    }

    @Test("an invalid byte after the first megabyte restarts the read in another encoding")
    func restart() {
        // ASCII header and rows: they read the same in both encodings.
        var bytes = Array("No,Code,Description,Unit,Quantity,Unit price,Amount,Note\n".utf8)
        let row = Array("1,I.1,Mua,cai,2,5,10,\n".utf8)
        while bytes.count < SubmissionReader.chunkSize + 100 { bytes += row }
        bytes += Array("2,I.2,Gh".utf8) + [0xE9] + Array(",cái,1,5,5,\n".utf8)
        let result = Fixture.read(bytes: bytes, chunk: 65536)
        #expect(result.consumer.restarts == 1)
        #expect(result.report.encoding == "windows-1258")
        #expect(result.consumer.begins == 2)
        #expect(result.lines.count == result.report.lineCount)
        #expect(result.lines.last?.itemCode == "I.2")
    }

    @Test("when UTF-8 was asked for, an invalid byte in the first chunk is refused up front at its line")
    func requestedUTF8() {
        let bytes = Array((Self.text + "2,I.2,x,").utf8) + [0xFF] + Array(",1,5,5,\n".utf8)
        let result = Fixture.read(bytes: bytes, encoding: .utf8)
        #expect(result.findings == [Located(3, nil, .unreadableEncoding)])
        let offset = Array((Self.text + "2,I.2,x,").utf8).count
        #expect(result.findings(.unreadableEncoding).first?.value == "0xFF")
        #expect(result.findings(.unreadableEncoding).first?.arguments["offset"] == String(offset))
        #expect(result.consumer.restarts == 0)
        #expect(result.lines.isEmpty)
    }

    @Test("when UTF-8 was asked for, an invalid byte after the first chunk is refused at its line and offset")
    func requestedUTF8Late() {
        var bytes = Array("No,Code,Description,Unit,Quantity,Unit price,Amount,Note\n".utf8)
        let row = Array("1,I.1,Mua,cai,2,5,10,\n".utf8)
        while bytes.count < SubmissionReader.chunkSize + 100 { bytes += row }
        let offset = bytes.count + 8
        bytes += Array("2,I.2,Gh".utf8) + [0xE9] + Array(",cai,1,5,5,\n".utf8)
        let lineOfBadByte = bytes.filter { $0 == 0x0A }.count
        let result = Fixture.read(bytes: bytes, chunk: 65536, encoding: .utf8)
        #expect(result.consumer.restarts == 0)
        let finding = result.findings(.unreadableEncoding).first
        #expect(finding?.value == "0xE9")
        #expect(finding?.arguments["offset"] == String(offset))
        #expect(finding?.line == lineOfBadByte)
    }

    @Test("every finding carries the file name and findings come in report order")
    func fileNames() {
        let result = Fixture.read(Fixture.header + "\n1,I.1,x,cái,1x,5,,\n")
        #expect(result.report.findings.allSatisfy { $0.file == "test.csv" })
        #expect(result.findings == [Located(2, 5, .invalidNumber), Located(2, 7, .missingAmount)])
    }

    @Test("an empty file has no header")
    func emptyFile() {
        let result = Fixture.read("")
        #expect(result.findings == [Located(nil, nil, .noHeader)])
        #expect(result.report.lineCount == 0)
    }
}
