#!/usr/bin/env python3
"""Regenerates the example submissions of Examples/ for the Kon Tum plan.

    python3 Examples/.make-examples.py          # writes, then verifies
    python3 Examples/.make-examples.py --check  # verifies the files on disk only

Writes Examples/submissions/*.{csv,txt} and Examples/expected-totals.json,
byte for byte the same on every run (no dates, no randomness, fixed order).
Before writing it checks what the files claim: quantity x unit price = amount,
totals, the amount in words (an independent Vietnamese reader below), item codes
against Templates/plans/kon-tum-2020.json, and that the Windows-1258 file decodes
back (Python's cp1258 codec + NFC) to the intended text. The erroneous file is
checked the other way round: each planted error must really be there.

Standard library only.
"""
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "submissions")
PLAN = os.path.join(ROOT, "Templates", "plans", "kon-tum-2020.json")

HEADER = ["STT", "Mã nội dung", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá", "Thành tiền", "Ghi chú"]
WIDTH = len(HEADER)

# ---------------------------------------------------------------------------
# Vietnamese amounts in words (the reading accountants write on "Bằng chữ").

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _group(n, full):
    """Reads 0 < n < 1000; `full` when a higher group precedes (then hundreds are always read)."""
    h, t, u = n // 100, (n // 10) % 10, n % 10
    words = []
    if full or h > 0:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u > 0:
            if words:
                words.append("linh")
            words.append(DIGITS[u])
    elif t == 1:
        words.append("mười")
        if u == 5:
            words.append("lăm")
        elif u > 0:
            words.append(DIGITS[u])
    else:
        words += [DIGITS[t], "mươi"]
        if u == 1:
            words.append("mốt")
        elif u == 4:
            words.append("tư")
        elif u == 5:
            words.append("lăm")
        elif u > 0:
            words.append(DIGITS[u])
    return words


def in_words(n):
    """1150000000 -> 'Một tỷ một trăm năm mươi triệu đồng' (up to 999 999 tỷ)."""
    assert 0 < n < 10**15
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        # groups above tỷ (nghìn tỷ) reuse the scale words: i=4 -> "nghìn tỷ"
        scale = SCALES[i] if i < 4 else SCALES[i - 3] + " tỷ"
        words += _group(g, full=bool(words))
        if scale:
            words.append(scale)
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]


def words_key(text):
    """The equal readings of the words rule (README, "Submissions"): case, spacing, punctuation; linh=lẻ, nghìn=ngàn,
    tư=bốn, lăm=năm, mốt=một; 'chẵn', './.' and 'Việt Nam' after 'đồng' optional."""
    t = unicodedata.normalize("NFC", text).lower()
    for p in ".,;:/()":
        t = t.replace(p, " ")
    ws = t.split()
    if ws and ws[0] == "bằng" and ws[1:2] == ["chữ"]:
        ws = ws[2:]
    if "đồng" in ws:
        last = len(ws) - 1 - ws[::-1].index("đồng")
        tail = ws[last + 1:]
        if tail in ([], ["chẵn"], ["việt", "nam"], ["việt", "nam", "chẵn"]):
            ws = ws[:last + 1]
    repl = {"lẻ": "linh", "ngàn": "nghìn", "bốn": "tư", "lăm": "năm", "mốt": "một"}
    return [repl.get(w, w) for w in ws]


def check_words():
    cases = {
        105: "Một trăm linh năm đồng",
        1_005_000: "Một triệu không trăm linh năm nghìn đồng",
        150_000_000: "Một trăm năm mươi triệu đồng",
        121_000_000: "Một trăm hai mươi mốt triệu đồng",
        15_000: "Mười lăm nghìn đồng",
        1_000_000_000: "Một tỷ đồng",
        2_394_505_000: "Hai tỷ ba trăm chín mươi tư triệu năm trăm linh năm nghìn đồng",
        1_010_000: "Một triệu không trăm mười nghìn đồng",
        24: "Hai mươi tư đồng",
    }
    for n, w in cases.items():
        assert in_words(n) == w, (n, in_words(n), w)


# ---------------------------------------------------------------------------
# Number formatting as the files write them.

def dots(n):
    """90000000 -> '90.000.000' (Vietnamese thousands mark)."""
    s = str(abs(n))
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return ("-" if n < 0 else "") + ".".join(parts)


def plain(n):
    return str(n)


# ---------------------------------------------------------------------------
# The submissions, as data. A line: (code, description, unit, quantity, unit price, amount, note).
# Quantity is a string as written ("2,5"); the arithmetic uses QTY below.

def qty_value(text):
    """'2,5' -> 2.5 (comma decimal), '5000' -> 5000."""
    return float(text.replace(",", "."))


BAOKT = {
    "agency": "BAOKT", "name": "Báo Kon Tum",
    "lines": [
        ("IV.5.a", 'Phim tài liệu "90 năm Đảng bộ tỉnh"', "phim", "2", 45_000_000, 90_000_000, ""),
        ("IV.5.a", "Phóng sự chuyên đề", "kỳ", "10", 6_000_000, 60_000_000, ""),
        ("IV.5.b", "Đặc san chào mừng Đại hội XVI Đảng bộ tỉnh, 16 trang, in 4 màu", "cuốn", "3000", 25_000, 75_000_000, ""),
        ("IV.5.d", "Tin, bài, ảnh phản ánh hoạt động trước, trong và sau Đại hội", "bài", "120", 500_000, 60_000_000, "Báo in, Báo điện tử"),
        ("IV.5.d", "Chuyên mục Tiến tới Đại hội XIII của Đảng trên Báo điện tử Kon Tum", "kỳ", "24", 1_500_000, 36_000_000, ""),
    ],
}

SVHTTDL = {
    "agency": "SVHTTDL", "name": "Sở Văn hóa, Thể thao và Du lịch",
    "lines": [
        ("IV.2.a", "Pa nô tuyên truyền tại các trục đường chính thành phố Kon Tum", "cái", "20", 12_500_000, 250_000_000, ""),
        ("IV.2.a", "Băng rôn, cờ hồng kỳ trên các tuyến phố", "bộ", "400", 350_000, 140_000_000, ""),
        ("IV.2.b", "Nội dung tuyên truyền trên bảng điện tử", "tháng", "6", 5_000_000, 30_000_000, ""),
        ("IV.2.c", "Chiếu phim lưu động phục vụ vùng sâu, vùng xa", "buổi", "60", 1_500_000, 90_000_000, ""),
        ("IV.2.d", "Xe loa lưu động tuyên truyền tại các huyện, thành phố", "tháng", "2,5", 36_000_000, 90_000_000, "Từ 01/8 đến 15/10/2020"),
        ("IV.2.e", "Chương trình văn nghệ chào mừng Đại hội XVI Đảng bộ tỉnh", "chương trình", "1", 150_000_000, 150_000_000, ""),
        ("IV.2.g", "Triển lãm ảnh thành tựu 90 năm Đảng bộ tỉnh", "cuộc", "1", 120_000_000, 120_000_000, ""),
        ("IV.2.i", "Ma két, khẩu hiệu trang trí trong và ngoài hội trường Đại hội", "gói", "1", 280_000_000, 280_000_000, ""),
    ],
}

DPTTH = {
    "agency": "DPTTH", "name": "Đài Phát thanh - Truyền hình tỉnh",
    "lines": [
        ("IV.5.c", "Truyền hình trực tiếp lễ khai mạc Đại hội XVI Đảng bộ tỉnh", "buổi", "1", 85_000_000, 85_000_000, ""),
        ("IV.5.c", "Truyền hình trực tiếp lễ bế mạc Đại hội XVI Đảng bộ tỉnh", "buổi", "1", 75_000_000, 75_000_000, ""),
        ("IV.5.a", "Phim tư liệu về các kỳ Đại hội Đảng bộ tỉnh Kon Tum", "phim", "1", 120_000_000, 120_000_000, "Thời lượng 30 phút"),
        ("IV.5.a", "Phóng sự chuyên đề trên sóng truyền hình", "kỳ", "12", 8_500_000, 102_000_000, ""),
        ("IV.5.d", 'Chuyên mục phát thanh "Tiến tới Đại hội XIII của Đảng"', "kỳ", "30", 2_000_000, 60_000_000, ""),
        ("IV.5.e", "Chương trình nghệ thuật chào mừng thành công Đại hội XVI Đảng bộ tỉnh", "chương trình", "1", 180_000_000, 180_000_000, ""),
    ],
}

STTTT = {
    "agency": "STTTT", "name": "Sở Thông tin và Truyền thông",
    "lines": [
        ("IV.1.a", "Họp báo trước Đại hội XVI Đảng bộ tỉnh", "cuộc", "1", 25_000_000, 25_000_000, ""),
        ("IV.1.a", "Họp báo sau Đại hội XVI Đảng bộ tỉnh", "cuộc", "1", 25_000_000, 25_000_000, ""),
        ("IV.1.c", "Tờ gấp tuyên truyền đại hội", "tờ", "5000", 3_500, 17_500_000, ""),
        ("IV.1.c", "Sổ tay tuyên truyền viên", "cuốn", "1000", 45_000, 45_000_000, ""),
        ("IV.1.c", "Áp phích cổ động đại hội", "tờ", "2000", 12_000, 24_000_000, ""),
        ("IV.1.b", "Thuê phần mềm theo dõi thông tin trên mạng xã hội", "tháng", "6", 10_000_000, 60_000_000, ""),
    ],
}

# The erroneous first version from the same office. Cells are written verbatim; each
# planted error is listed with the physical line it lands on (checked below).
STTTT_ERR_ROWS = [
    ["1", "IV.1.a", "Họp báo trước Đại hội XVI Đảng bộ tỉnh", "cuộc", "1", "25.000.000", "25.000.000", ""],
    ["2", "IV.1.a", "Họp báo sau Đại hội XVI Đảng bộ tỉnh", "cuộc", "1", "25.000.000", "25.000.000", ""],
    ["3", "IV.1.c", "Tờ gấp tuyên truyền đại hội", "tờ", "5000", "3.500", "15.750.000", ""],
    ["4", "IV.I.c", "Sổ tay tuyên truyền viên", "cuốn", "1000", "45.000", "45.000.000", ""],
    ["5", "IV.2.a", "Áp phích cổ động đại hội", "tờ", "2000", "12.000", "24.000.000", ""],
    ["6", "IV.1.b", "Thuê phần mềm theo dõi thông tin trên mạng xã hội", "tháng", "6", "1O.000.000", "60.000.000", ""],
    ["7", "IV.1.b", "Trừ kinh phí đã bố trí trong dự toán đầu năm", "", "", "", "-5.000.000", ""],
    ["", "", "Tổng cộng", "", "", "", "230.000.000", ""],
    ["", "", "Bằng chữ: Hai trăm ba mươi lăm triệu đồng", "", "", "", "", ""],
]
STTTT_ERR_EXPECTED = [  # (line, code, severity, column, value)
    (9, "amount-mismatch", "error", "Thành tiền", "15.750.000"),
    (10, "unknown-item", "error", "Mã nội dung", "IV.I.c"),
    (11, "item-not-assigned", "error", "Mã nội dung", "IV.2.a"),
    (12, "invalid-number", "error", "Đơn giá", "1O.000.000"),
    (13, "negative-amount", "error", "Thành tiền", "-5.000.000"),
    (14, "total-mismatch", "error", "Thành tiền", "230.000.000"),
    (15, "words-mismatch", "warning", "Nội dung", "Bằng chữ: Hai trăm ba mươi lăm triệu đồng"),
]

CAT = {
    "agency": "CAT", "name": "Công an tỉnh",
    "lines": [
        ("IV.3.a", "Thuê dịch vụ theo dõi, phân tích thông tin trên mạng xã hội", "tháng", "8", 12_000_000, 96_000_000, ""),
        ("iv.3.a", "Bồi dưỡng tổ công tác trực theo dõi thông tin trong thời gian diễn ra Đại hội", "ngày công", "50", 500_000, 25_000_000, ""),
    ],
}

TINHDOAN = {
    "agency": "TINHDOAN", "name": "Tỉnh đoàn Kon Tum",
    "lines": [
        ("IV.6.a", "Lễ ra quân, phát động phong trào thi đua của tuổi trẻ chào mừng đại hội", "buổi", "1", 35_000_000, 35_000_000, ""),
        ("IV.6.a", "Hội thi tìm hiểu lịch sử Đảng bộ tỉnh dành cho đoàn viên thanh niên", "cuộc", "1", 45_500_000, 45_500_000, ""),
        ("IV.6.b", "Băng rôn, cờ hồng kỳ tại trụ sở và các tuyến đường", "bộ", "13", 1_885_000, 24_505_000, ""),
    ],
}

# Words as each file writes them (a variant reading where an accountant would use one).
WORDS = {
    "BAOKT": "Ba trăm hai mươi mốt triệu đồng",
    "SVHTTDL": "Một tỷ một trăm năm mươi triệu đồng./.",
    "DPTTH": "Sáu trăm hai mươi hai triệu đồng",
    "STTTT": "Một trăm chín mươi sáu triệu năm trăm nghìn đồng",
    "CAT": "Một trăm hai mươi mốt triệu đồng",
    "TINHDOAN": "Một trăm lẻ năm triệu không trăm lẻ năm nghìn đồng chẵn",
}

# The demo's counted submissions: accepted on time + accepted late.
COUNTED = [BAOKT, SVHTTDL, DPTTH, STTTT, TINHDOAN]


# ---------------------------------------------------------------------------
# Writers.

def csv_field(text, sep):
    if any(c in text for c in (sep, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def render(rows, sep, eol, pad):
    """Rows of cells -> text. `pad`: every row has WIDTH cells, as Excel and Calc write."""
    out = []
    for row in rows:
        cells = list(row)
        if pad:
            cells += [""] * (WIDTH - len(cells))
        out.append(sep.join(csv_field(c, sep) for c in cells))
    return eol.join(out) + eol


def key_rows(sub):
    return [
        ["DỰ TOÁN KINH PHÍ"],
        ["Kế hoạch", "kon-tum-2020"],
        ["Mã đơn vị", sub["agency"]],
        ["Đơn vị", sub["name"]],
        [],
        list(HEADER),
    ]


def line_rows(sub, fmt):
    rows = []
    for n, (code, desc, unit, q, price, amount, note) in enumerate(sub["lines"], 1):
        rows.append([str(n), code, desc, unit, q, fmt(price), fmt(amount), note])
    return rows


def total_of(sub):
    return sum(line[5] for line in sub["lines"])


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text):
    """NFC text -> Windows-1258 bytes: base letters (â ê ô ơ ư ă đ) precomposed, every tone
    mark a separate combining byte (0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook, 0xF2 dot)."""
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out += base.encode("cp1258")
        for t in tones:
            out += t.encode("cp1258")
    return bytes(out)


def build():
    files = {}

    # 1. Báo Kon Tum: Excel "CSV UTF-8" — BOM, comma, CRLF, rows padded to the table width.
    s = BAOKT
    rows = key_rows(s) + line_rows(s, dots) + [
        ["", "", "Tổng cộng", "", "", "", dots(total_of(s)), ""],
        ["", "", "Bằng chữ: " + WORDS["BAOKT"]],
    ]
    files["bao-kon-tum.csv"] = b"\xef\xbb\xbf" + render(rows, ",", "\r\n", pad=True).encode("utf-8")

    # 2. Sở Văn hóa: Vietnamese-locale Excel plain "CSV" — Windows-1258, ';', "90.000.000",
    #    "2,5", title rows, a money-unit note, a merged "Bằng chữ" row, a signature block, CRLF.
    s = SVHTTDL
    rows = [
        ["ỦY BAN NHÂN DÂN TỈNH KON TUM"],
        ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"],
        [],
        ["DỰ TOÁN KINH PHÍ TUYÊN TRUYỀN ĐẠI HỘI ĐẢNG BỘ CÁC CẤP TIẾN TỚI ĐẠI HỘI XIII CỦA ĐẢNG"],
        ["(Triển khai Kế hoạch số 116-KH/TU ngày 26/11/2019 của Ban Thường vụ Tỉnh ủy)"],
        [],
        ["Kế hoạch", "kon-tum-2020"],
        ["Mã đơn vị", s["agency"]],
        ["Đơn vị", s["name"]],
        ["", "", "", "", "", "", "", "Đơn vị tính: đồng"],
        list(HEADER),
    ] + line_rows(s, dots) + [
        ["", "", "TỔNG CỘNG", "", "", "", dots(total_of(s)), ""],
        ["Bằng chữ: " + WORDS["SVHTTDL"]],
        [],
        ["", "", "", "", "", "", "", "Kon Tum, ngày 05 tháng 3 năm 2020"],
        ["", "", "Người lập biểu", "", "", "", "", "KT. GIÁM ĐỐC"],
        ["", "", "", "", "", "", "", "PHÓ GIÁM ĐỐC"],
    ]
    text = render(rows, ";", "\r\n", pad=True)
    files["so-van-hoa.csv"] = cp1258(text)
    files["so-van-hoa.csv#text"] = text  # for the round-trip check

    # 3. Đài PT-TH: Excel "Unicode text" — UTF-16 LE with BOM, tab, CRLF, plain integers.
    s = DPTTH
    rows = key_rows(s) + line_rows(s, plain) + [
        ["", "", "Tổng cộng", "", "", "", plain(total_of(s)), ""],
        ["", "", "Bằng chữ: " + WORDS["DPTTH"]],
    ]
    files["dai-phat-thanh.txt"] = b"\xff\xfe" + render(rows, "\t", "\r\n", pad=True).encode("utf-16-le")

    # 4. Sở TT&TT, first version with errors: the template as `budget template` writes it
    #    (no padding), filled in LibreOffice Calc: UTF-8 without BOM, LF.
    s = STTTT
    rows = key_rows(s) + STTTT_ERR_ROWS
    files["so-thong-tin-loi.csv"] = render(rows, ",", "\n", pad=False).encode("utf-8")

    # 5. Sở TT&TT, corrected.
    rows = key_rows(s) + line_rows(s, dots) + [
        ["", "", "Tổng cộng", "", "", "", dots(total_of(s)), ""],
        ["", "", "Bằng chữ: " + WORDS["STTTT"], "", "", "", "", ""],
    ]
    files["so-thong-tin.csv"] = render(rows, ",", "\n", pad=False).encode("utf-8")

    # 6. Công an tỉnh, valid but after the deadline (refused). Excel "CSV UTF-8".
    s = CAT
    rows = key_rows(s) + line_rows(s, dots) + [
        ["", "", "Tổng cộng", "", "", "", dots(total_of(s)), ""],
        ["", "", "Bằng chữ: " + WORDS["CAT"]],
    ]
    files["cong-an-tre-han.csv"] = b"\xef\xbb\xbf" + render(rows, ",", "\r\n", pad=True).encode("utf-8")

    # 7. Tỉnh đoàn, valid, after the deadline, accepted by exception. Excel "CSV UTF-8",
    #    header with unit suffixes "(đồng)", words with "lẻ" and "chẵn".
    s = TINHDOAN
    header = list(HEADER)
    header[5] = "Đơn giá (đồng)"
    header[6] = "Thành tiền (đồng)"
    rows = key_rows(s)[:-1] + [header] + line_rows(s, dots) + [
        ["", "", "Tổng cộng", "", "", "", dots(total_of(s)), ""],
        ["", "", "Bằng chữ: " + WORDS["TINHDOAN"]],
    ]
    files["tinh-doan-tre-han.csv"] = b"\xef\xbb\xbf" + render(rows, ",", "\r\n", pad=True).encode("utf-8")

    return files


def expected_totals(plan):
    agencies, items = {}, {}
    for s in COUNTED:
        agencies[s["agency"]] = total_of(s)
        for line in s["lines"]:
            code = plan_code(plan, line[0])
            items[code] = items.get(code, 0) + line[5]
    agency_order = [a["code"] for a in plan["agencies"]]
    item_order = [i["code"] for i in plan["items"]]
    grand = sum(agencies.values())
    assert grand == sum(items.values())
    return {
        "plan": plan["id"],
        "agencies": {c: agencies[c] for c in agency_order if c in agencies},
        "items": {c: items[c] for c in item_order if c in items},
        "grandTotal": grand,
        "grandTotalInWords": in_words(grand),
    }


def plan_code(plan, code):
    for item in plan["items"]:
        if item["code"].upper() == code.strip().upper():
            return item["code"]
    return None


# ---------------------------------------------------------------------------
# Verification.

def verify(files, plan):
    check_words()
    assigned = {i["code"]: set(i.get("agencies") or []) for i in plan["items"]}
    names = {a["code"]: a["name"] for a in plan["agencies"]}
    for s in [BAOKT, SVHTTDL, DPTTH, STTTT, CAT, TINHDOAN]:
        assert names[s["agency"]] == s["name"], s["agency"]
        for code, desc, unit, q, price, amount, note in s["lines"]:
            canonical = plan_code(plan, code)
            assert canonical, (s["agency"], code)
            assert s["agency"] in assigned[canonical], (s["agency"], code)
            exact = qty_value(q) * price
            assert exact == amount, (s["agency"], desc, exact, amount)
            assert unicodedata.normalize("NFC", desc) == desc
        total = total_of(s)
        assert words_key(WORDS[s["agency"]]) == words_key(in_words(total)), (s["agency"], in_words(total))

    # Windows-1258: decodes back to the intended text; no precomposed tone letters inside.
    raw = files["so-van-hoa.csv"]
    back = unicodedata.normalize("NFC", raw.decode("cp1258"))
    assert back == files["so-van-hoa.csv#text"]
    assert raw.decode("cp1258") != back  # it really is decomposed
    for b in (0xCC, 0xEC, 0xD2, 0xDE, 0xF2):
        assert b in raw, hex(b)
    try:
        raw.decode("utf-8")
        raise AssertionError("so-van-hoa.csv must not be valid UTF-8")
    except UnicodeDecodeError:
        pass
    assert b"90.000.000" in raw and b";2,5;" in raw and b"\r\n" in raw

    # UTF-16 LE.
    t = files["dai-phat-thanh.txt"]
    assert t[:2] == b"\xff\xfe" and t[2:].decode("utf-16-le").count("\t") > 0

    # The erroneous file: every planted error on the line it claims, nothing else wrong there.
    lines = files["so-thong-tin-loi.csv"].decode("utf-8").split("\n")
    header_line = lines.index(",".join(HEADER)) + 1
    assert header_line == 6
    for line, code, severity, column, value in STTTT_ERR_EXPECTED:
        physical = lines[line - 1]
        assert value in physical, (line, value, physical)
    row = lambda line: STTTT_ERR_ROWS[line - header_line - 1]
    assert 5000 * 3500 != 15_750_000 and row(9)[6] == "15.750.000"
    assert plan_code(plan, row(10)[1]) is None and plan_code(plan, "IV.1.c")
    assert "STTTT" not in assigned["IV.2.a"] and row(11)[1] == "IV.2.a"
    assert row(12)[5] == "1O.000.000"
    assert row(13)[6].startswith("-")
    written_total = 230_000_000
    readable = [25_000_000, 25_000_000, 15_750_000, 45_000_000, 24_000_000, 60_000_000, -5_000_000]
    for subset_sum in {sum(readable), sum(readable[:2]), sum(x for x in readable if x > 0),
                       sum(readable[:3]), sum(readable[:3]) + 60_000_000}:
        assert subset_sum != written_total
    assert words_key("Hai trăm ba mươi lăm triệu đồng") != words_key(in_words(written_total))

    # The corrected file sums to what its total row says.
    assert total_of(STTTT) == 196_500_000


def main():
    with open(PLAN, encoding="utf-8") as f:
        plan = json.load(f)
    files = build()
    verify(files, plan)
    totals = expected_totals(plan)
    files["../expected-totals.json"] = (json.dumps(totals, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    check_only = "--check" in sys.argv[1:]
    os.makedirs(OUT, exist_ok=True)
    stale = []
    for name, data in files.items():
        if name.endswith("#text"):
            continue
        path = os.path.normpath(os.path.join(OUT, name))
        if check_only:
            with open(path, "rb") as f:
                if f.read() != data:
                    stale.append(path)
        else:
            with open(path, "wb") as f:
                f.write(data)
    if stale:
        print("out of date:", *stale, sep="\n  ")
        sys.exit(1)
    print(json.dumps(totals, ensure_ascii=False))


if __name__ == "__main__":
    main()
