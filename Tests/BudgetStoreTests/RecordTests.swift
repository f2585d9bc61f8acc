import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

@Suite("Recording receipts")
struct RecordTests {
    @Test("every field of a receipt reads back as recorded: bytes, times, findings, lines, totals")
    func roundTrip() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            // Every byte value, a NUL, invalid UTF-8, Windows-1258 text: bytes are bytes.
            let bytes: [UInt8] = Array(0...255) + [0xc3, 0x28] + Array("Báo Kon Tum\r\n".utf8)
            let declared = try #require(ISOTime.parse("2020-03-09T10:00:00.125+07:00"))
                .instant(defaultZone: TimeZone(secondsFromGMT: 0) ?? .current)
            let recorded = InstantText.date(milliseconds: 1_583_900_000_999)
            let findings = [
                Finding(
                    .amountMismatch, file: "báo kt.csv", line: 12, column: "Thành tiền", columnNumber: 7,
                    value: "90.000.000", arguments: ["expected": "90.000.001", "quote": "say \"hi\"\n\ttab"]),
                Finding(.wordsMismatch, file: "báo kt.csv", line: 20, variant: "total", arguments: [:]),
                Finding(.capExceeded, item: "IV.2.a", agency: "BAOKT", arguments: ["cap": "800000000"]),
            ]
            let lines = [
                EstimateLine(
                    line: 7, number: "1", itemCode: "IV.5.a", description: "Phim tài liệu \"90 năm\"",
                    unit: "phim", quantity: Quantity(mantissa: 25, scale: 1), unitPrice: Money(dong: 45_000_000),
                    amount: Money(dong: 112_500_000), note: "ghi chú\u{0}với NUL"),
                EstimateLine(
                    line: 9, number: "", itemCode: "IV.5.a", description: "", unit: "", quantity: nil,
                    unitPrice: nil, amount: Money(dong: 0), note: ""),
                EstimateLine(
                    line: 10, number: "3", itemCode: "I.1", description: "Âm", unit: "kg",
                    quantity: Quantity(mantissa: -1_234_567_891, scale: 9), unitPrice: Money(dong: Int64.max),
                    amount: Money(dong: Int64.max), note: ""),
            ]
            let receipt = NewReceipt(
                fileName: "báo kt.csv", bytes: bytes, sha256: SHA256.hex(bytes), agency: "BAOKT",
                declaredAt: declared, recordedAt: recorded, clockKind: .simulated,
                decision: .acceptedLate, valid: true, note: "nhận qua thư điện tử",
                reason: "UBND tỉnh đồng ý gia hạn", total: Money(dong: 42), lineCount: 3,
                encoding: "windows-1258", findings: findings, lines: lines,
                itemTotals: ["IV.5.a": Money(dong: 112_500_000), "I.1": Money(dong: Int64.max)])
            let stored = try store.record(receipt)

            let expected = StoredReceipt(
                id: 1, fileName: "báo kt.csv", sha256: SHA256.hex(bytes), size: Int64(bytes.count),
                agency: "BAOKT", declaredAt: declared, recordedAt: recorded, clockKind: .simulated,
                decision: .acceptedLate, valid: true, note: "nhận qua thư điện tử",
                reason: "UBND tỉnh đồng ý gia hạn", total: Money(dong: 42), lineCount: 3,
                encoding: "windows-1258", duplicateOf: nil)
            #expect(stored == expected)

            let reopened = try RoundStore.open(directory: store.directory)
            #expect(try reopened.receipts() == [expected])
            #expect(try reopened.receipt(1) == expected)
            #expect(try reopened.receipt(2) == nil)
            #expect(try reopened.originalBytes(receiptID: 1) == bytes)
            #expect(try reopened.findings(receiptID: 1) == findings)
            var read: [EstimateLine] = []
            try reopened.forEachLine(receiptIDs: [1]) { id, line in
                #expect(id == 1)
                read.append(line)
            }
            #expect(read == lines)
            #expect(read[0].quantity?.description == "2.5")
            #expect(
                try reopened.itemTotals(receiptIDs: [1]) == [
                    StoredItemTotal(receiptID: 1, itemCode: "I.1", amount: Money(dong: Int64.max)),
                    StoredItemTotal(receiptID: 1, itemCode: "IV.5.a", amount: Money(dong: 112_500_000)),
                ])
            #expect(expected.receivedAt == declared)
        }
    }

    @Test("times are stored as UTC text to the millisecond and read back exactly")
    func timesAsText() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
            let recorded = try #require(ISOTime.parse("2020-03-10T23:59:59.999+07:00")).instant(defaultZone: zone)
            let declared = try #require(ISOTime.parse("2020-03-09T08:00")).instant(defaultZone: zone)
            var receipt = acceptedReceipt(recordedAt: recorded)
            receipt.declaredAt = declared
            receipt.note = "giấy"
            let stored = try store.record(receipt)
            #expect(stored.recordedAt == recorded)
            #expect(stored.declaredAt == declared)
            #expect(try store.receipt(1)?.recordedAt == recorded)
            #expect(try store.receipt(1)?.declaredAt == declared)
            let raw = RawDatabase(path: store.databasePath)
            #expect(
                raw.query("SELECT recorded_at, declared_at FROM receipts")
                    == [["2020-03-10T16:59:59.999Z", "2020-03-09T01:00:00.000Z"]])
            #expect(raw.query("SELECT created_at FROM meta") == [["2020-03-04T00:00:00.000Z"]])
        }
    }

    @Test("a time finer than a millisecond is truncated, so a receipt before a deadline stays before it")
    func subMillisecondTruncates() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let deadline = InstantText.date(milliseconds: 1_583_859_600_000)  // 2020-03-11T00:00+07:00
            let justBefore = deadline.addingTimeInterval(-0.0004)
            let stored = try store.record(acceptedReceipt(recordedAt: justBefore))
            #expect(stored.recordedAt < deadline)
            #expect(stored.recordedAt == deadline.addingTimeInterval(-0.001))
            #expect(try store.receipt(stored.id)?.recordedAt == stored.recordedAt)
        }
    }

    @Test("an identical resubmission names the earliest receipt with the same SHA-256")
    func duplicates() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let first = try store.record(acceptedReceipt(fileName: "a.csv", content: "same bytes"))
            let other = try store.record(acceptedReceipt(fileName: "b.csv", content: "other bytes"))
            let second = try store.record(acceptedReceipt(fileName: "a-again.csv", content: "same bytes"))
            let third = try store.record(returnedReceipt(fileName: "a-3.csv", content: "same bytes"))
            #expect(first.duplicateOf == nil)
            #expect(other.duplicateOf == nil)
            #expect(second.duplicateOf == first.id)
            #expect(third.duplicateOf == first.id)
            #expect(try store.receipts().map(\.duplicateOf) == [nil, nil, first.id, first.id])
            #expect(try store.receipts(sha256: first.sha256).map(\.id) == [1, 3, 4])
            // Each receipt keeps its own copy of the bytes.
            #expect(try store.originalBytes(receiptID: second.id) == Array("same bytes".utf8))
        }
    }

    @Test("returned and refused receipts keep bytes and findings but no lines or item totals")
    func uncountedHaveNoLines() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            var returned = acceptedReceipt(fileName: "returned.csv", lineCount: 4, content: "r")
            returned.decision = .returned
            returned.valid = false
            returned.findings = [Finding(.unknownItem, line: 8, value: "X.9")]
            var refused = acceptedReceipt(fileName: "late.csv", lineCount: 5, content: "l")
            refused.decision = .refusedLate
            let r = try store.record(returned)
            let l = try store.record(refused)
            #expect(r.lineCount == 4)  // what was read, even though not stored
            #expect(l.lineCount == 5)
            var count = 0
            try store.forEachLine(receiptIDs: [r.id, l.id]) { _, _ in count += 1 }
            #expect(count == 0)
            #expect(try store.itemTotals(receiptIDs: [r.id, l.id]).isEmpty)
            #expect(try store.findings(receiptID: r.id).map(\.code) == [.unknownItem])
            #expect(try store.originalBytes(receiptID: l.id) == Array("l".utf8))
            let raw = RawDatabase(path: store.databasePath)
            #expect(raw.query("SELECT count(*) FROM lines") == [["0"]])
        }
    }

    @Test("lines stream receipt by receipt in the order asked, each in its original order")
    func lineOrder() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let a = try store.record(acceptedReceipt(fileName: "a", lineCount: 3, content: "a"))
            let b = try store.record(acceptedReceipt(fileName: "b", lineCount: 2, content: "b"))
            var seen: [String] = []
            try store.forEachLine(receiptIDs: [b.id, a.id, 99]) { id, line in seen.append("\(id):\(line.line)") }
            #expect(seen == ["2:7", "2:8", "1:7", "1:8", "1:9"])
        }
    }

    @Test("an error thrown by the line handler stops the walk and comes out as is")
    func lineHandlerError() throws {
        struct Stop: Error {}
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(lineCount: 10))
            var calls = 0
            #expect(throws: Stop.self) {
                try store.forEachLine(receiptIDs: [1]) { _, _ in
                    calls += 1
                    if calls == 3 { throw Stop() }
                }
            }
            #expect(calls == 3)
            try store.record(acceptedReceipt(content: "after"))  // no transaction left open
        }
    }

    @Test("original bytes stream in chunks that join to the file")
    func streamBytes() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let content = String(repeating: "Sở Văn hóa, Thể thao và Du lịch;", count: 1000)
            let stored = try store.record(acceptedReceipt(content: content))
            var joined: [UInt8] = []
            var chunks = 0
            let found = try store.streamOriginalBytes(receiptID: stored.id, chunkSize: 1000) { chunk in
                #expect(chunk.count <= 1000)
                joined += chunk
                chunks += 1
            }
            #expect(found)
            #expect(joined == Array(content.utf8))
            #expect(chunks == (content.utf8.count + 999) / 1000)
            #expect(try store.streamOriginalBytes(receiptID: 42) { _ in } == false)
        }
    }

    @Test("an empty file is recorded as zero bytes")
    func emptyFile() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let stored = try store.record(returnedReceipt(content: ""))
            #expect(stored.size == 0)
            #expect(stored.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(try store.originalBytes(receiptID: stored.id) == [])
            var calls = 0
            #expect(try store.streamOriginalBytes(receiptID: stored.id) { _ in calls += 1 })
            #expect(calls == 0)
        }
    }

    @Test("receipts are found by agency, and a receipt without an agency is kept too")
    func byAgency() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(agency: "BAOKT", content: "1"))
            try store.record(returnedReceipt(agency: nil, content: "2"))
            try store.record(acceptedReceipt(agency: "SVHTTDL", content: "3"))
            try store.record(returnedReceipt(agency: "BAOKT", content: "4"))
            #expect(try store.receipts(agency: "BAOKT").map(\.id) == [1, 4])
            #expect(try store.receipts(agency: "SVHTTDL").map(\.id) == [3])
            #expect(try store.receipt(2)?.agency == nil)
        }
    }

    @Test(
        "receipts that contradict themselves are refused and nothing is written",
        arguments: [
            "sha256 of other bytes", "item totals not the sums", "counted line without amount",
            "accepted but invalid", "negative line count", "accepted late without reason",
            "declared time without note",
        ])
    func contradictions(_ name: String) throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(content: "first"))
            let before = RawDatabase(path: store.databasePath).contentDigest()
            var receipt = acceptedReceipt(content: "second")
            switch name {
            case "sha256 of other bytes": receipt.sha256 = SHA256.hex(Array("other".utf8))
            case "item totals not the sums": receipt.itemTotals["IV.5.a"] = Money(dong: 1)
            case "counted line without amount": receipt.lines[1].amount = nil
            case "accepted but invalid": receipt.valid = false
            case "negative line count": receipt.lineCount = -1
            case "accepted late without reason": receipt.decision = .acceptedLate
            case "declared time without note": receipt.declaredAt = sampleRecordedAt
            default: Issue.record("unknown case \(name)")
            }
            #expect {
                try store.record(receipt)
            } throws: { ($0 as? StoreError)?.kind == .constraint }
            #expect(RawDatabase(path: store.databasePath).contentDigest() == before)
            #expect(try store.receipts().count == 1)
        }
    }

    @Test("a failure half-way through a record rolls everything back")
    func failureHalfWay() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(content: "first"))
            let raw = RawDatabase(path: store.databasePath)
            let before = raw.contentDigest()
            // Fail on the 500th line, after the receipt row, its findings and 499 lines went in.
            try store.connection.execute(
                """
                CREATE TEMP TRIGGER inject_failure BEFORE INSERT ON main.lines
                WHEN NEW.ordinal = 500 BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """, .read)
            var receipt = acceptedReceipt(lineCount: 1000, content: "second")
            receipt.findings = [Finding(.duplicateLine, line: 9)]
            #expect {
                try store.record(receipt)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .constraint && error.detail.contains("injected failure")
            }
            #expect(raw.contentDigest() == before)
            #expect(try store.integrityCheck() == ["ok"])
            try store.connection.execute("DROP TRIGGER temp.inject_failure", .read)
            #expect(try store.record(receipt).id == 2)  // the number was not used up
        }
    }

    @Test("a full disk is reported as such and leaves the round as it was")
    func diskFull() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(content: "first"))
            let raw = RawDatabase(path: store.databasePath)
            let before = raw.contentDigest()
            // SQLite answers SQLITE_FULL when the database may not grow: the same path as ENOSPC.
            let pages = try store.connection.integer("PRAGMA page_count", .read)
            _ = try store.connection.integer("PRAGMA max_page_count = \(pages + 2)", .read)
            let big = String(repeating: "x", count: 200_000)
            #expect {
                try store.record(acceptedReceipt(lineCount: 2000, content: big))
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .diskFull && error.message.vi.contains("đầy")
                    && error.message.en.contains(store.databasePath)
            }
            #expect(raw.contentDigest() == before)
            #expect(try store.integrityCheck() == ["ok"])
            _ = try store.connection.integer("PRAGMA max_page_count = 1073741823", .read)
            #expect(try store.record(acceptedReceipt(lineCount: 2000, content: big)).id == 2)
        }
    }

    @Test("reads inside a snapshot agree even while another connection records")
    func snapshot() throws {
        try withTemporaryDirectory { root in
            let reader = try makeRound(in: root)
            let writer = try RoundStore.open(directory: reader.directory)
            try writer.record(acceptedReceipt(content: "1"))
            try reader.reading { () throws(StoreError) in
                let first = try reader.receipts()
                try writer.record(acceptedReceipt(content: "2"))  // WAL: the writer is not blocked
                let again = try reader.receipts()
                #expect(first.count == 1)
                #expect(again.count == 1)
                #expect {
                    try reader.record(acceptedReceipt(content: "3"))
                } throws: { ($0 as? StoreError)?.kind == .constraint }
            }
            #expect(try reader.receipts().count == 2)
        }
    }
    @Test(
        "bytes held in memory are stored in one statement; bytes that are not the header's are refused, nothing written"
    )
    func heldBytes() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let held = HashedBytes(hashing: Array("STT,Mã nội dung\n1,IV.5.a\n".utf8))
            func header(_ sha256: String, size: Int) -> ReceiptHeader {
                ReceiptHeader(
                    fileName: "a.csv", sha256: sha256, size: Int64(size), agency: "BAOKT",
                    recordedAt: sampleRecordedAt, clockKind: .system, decision: .accepted, valid: true,
                    total: Money(dong: 7), lineCount: 1, encoding: "utf-8")
            }
            let other = SHA256.hex(Array("something else".utf8))
            for wrong in [header(other, size: held.bytes.count), header(held.sha256, size: held.bytes.count + 1)] {
                #expect {
                    try store.write { writer in try writer.insertReceipt(wrong, findings: [], contents: held) }
                } throws: { ($0 as? StoreError)?.kind == .io }
            }
            #expect(try store.receipts().isEmpty)
            // Item totals that do not add up to the total are refused as well.
            #expect {
                try store.write { writer in
                    let stored = try writer.insertReceipt(
                        header(held.sha256, size: held.bytes.count), findings: [], contents: held)
                    try writer.insertItemTotals(receiptID: stored.id, ["IV.5.a": Money(dong: 6)], total: Money(dong: 7))
                }
            } throws: { ($0 as? StoreError)?.kind == .constraint }
            #expect(try store.receipts().isEmpty)
            let stored = try store.write { writer in
                let stored = try writer.insertReceipt(
                    header(held.sha256, size: held.bytes.count), findings: [], contents: held)
                try writer.insertItemTotals(receiptID: stored.id, ["IV.5.a": Money(dong: 7)], total: Money(dong: 7))
                return stored
            }
            var bytes: [UInt8] = []
            _ = try store.streamOriginalBytes(receiptID: stored.id) { bytes += $0 }
            #expect(bytes == held.bytes)
            #expect(try store.itemTotals(receiptIDs: [stored.id]).map(\.amount) == [Money(dong: 7)])
            #expect(try store.hasStoredLines(receiptID: stored.id) == false)
        }
    }
}
