package transfer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"kam/internal/kam"
)

// Encoding is a text encoding a spreadsheet file may come in.
type Encoding string

// The encodings kam reads: what Excel writes as "CSV UTF-8", as plain "CSV"
// on a Chinese Windows (GBK, read as its superset GB18030), and as "Unicode
// text" (UTF-16, little-endian, tab-separated).
const (
	EncodingUTF8    Encoding = "utf-8"
	EncodingGB18030 Encoding = "gb18030"
	EncodingUTF16LE Encoding = "utf-16le"
	EncodingUTF16BE Encoding = "utf-16be"
)

// Encodings lists the encodings a user may choose, in the order offered.
var Encodings = []Encoding{EncodingUTF8, EncodingGB18030, EncodingUTF16LE, EncodingUTF16BE}

// ParseEncoding reads an encoding's name as a user may write it ("GBK",
// "gb2312", "UTF8", "utf-16"); ok is false for one kam does not read.
func ParseEncoding(s string) (Encoding, bool) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "utf-8", "utf8":
		return EncodingUTF8, true
	case "gbk", "gb2312", "gb18030", "cp936", "936":
		return EncodingGB18030, true
	case "utf-16", "utf-16le", "utf16", "utf16le", "unicode":
		return EncodingUTF16LE, true
	case "utf-16be", "utf16be":
		return EncodingUTF16BE, true
	}
	return "", false
}

// sniffSize is how much of a file detection reads.
const sniffSize = 64 << 10

// ErrUnknownEncoding is the problem of a file that is none of Encodings.
var ErrUnknownEncoding = kam.T(
	"the file is neither UTF-8, GBK/GB18030 nor UTF-16 text: in Excel save it as \"CSV UTF-8\", or choose its encoding",
	"文件不是 UTF-8、GBK/GB18030 或 UTF-16 文本：请在 Excel 中另存为“CSV UTF-8”，或选择文件的编码")

// DetectEncoding names the encoding of a file that starts with head: a
// byte-order mark decides; else text that is valid UTF-8 is UTF-8; else
// text that GB18030 decodes without an invalid sequence is GB18030 (GBK);
// else UTF-16 when every other byte of the start is zero. ok is false when
// nothing fits.
func DetectEncoding(head []byte) (enc Encoding, ok bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return EncodingUTF8, true
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return EncodingUTF16LE, true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncodingUTF16BE, true
	}
	if validUTF8Prefix(head) {
		return EncodingUTF8, true
	}
	if zeros(head, 1) {
		return EncodingUTF16LE, true
	}
	if zeros(head, 0) {
		return EncodingUTF16BE, true
	}
	if decodesCleanly(head) {
		return EncodingGB18030, true
	}
	return "", false
}

// validUTF8Prefix reports whether b is valid UTF-8 but for a character cut
// at its very end (a sample ends anywhere).
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// zeros reports whether most of the bytes at offset odd (0 or 1) of each
// pair are zero, as in UTF-16 text of ASCII letters.
func zeros(b []byte, odd int) bool {
	n, z := 0, 0
	for i := odd; i < len(b) && i < 512; i += 2 {
		n++
		if b[i] == 0 {
			z++
		}
	}
	return n >= 2 && z*10 >= n*7
}

// decodesCleanly reports whether GB18030 reads b without an invalid
// sequence (a cut character at the end aside).
func decodesCleanly(b []byte) bool {
	for cut := 0; cut < 4 && cut < len(b); cut++ {
		out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b[:len(b)-cut])
		if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
			return true
		}
	}
	return false
}

func (e Encoding) decoder() *encoding.Decoder {
	switch e {
	case EncodingGB18030:
		return simplifiedchinese.GB18030.NewDecoder()
	case EncodingUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
	case EncodingUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
	}
	return nil
}

// TextFile is a spreadsheet file opened as UTF-8 text.
type TextFile struct {
	// Encoding is the file's encoding, detected or chosen.
	Encoding Encoding
	// Detected says the encoding was detected, not chosen.
	Detected bool
	// Comma is the field separator: a tab for Excel's "Unicode text" and
	// any file whose first line has more tabs than commas, else a comma.
	Comma rune
	r     io.Reader
}

// Read reads UTF-8 text without a byte-order mark.
func (t *TextFile) Read(p []byte) (int, error) { return t.r.Read(p) }

// OpenText reads r as text: in the encoding chosen (choice non-empty) or
// the one detected from its start. It streams: only the first 64 KiB are
// held for detection. A file that fits no encoding is a *kam.Text problem
// (ErrUnknownEncoding) naming what to do.
func OpenText(r io.Reader, choice Encoding) (*TextFile, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("import: read the file: %w", err)
	}
	whole := err == io.EOF
	t := &TextFile{Encoding: choice}
	if choice == "" {
		if whole && utf8.Valid(head) {
			// The whole file is at hand: no character can be cut.
			head = append(head, '\n')
		}
		enc, ok := DetectEncoding(head)
		if whole && enc == EncodingUTF8 && !bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) && !utf8.Valid(head[:len(head)-1]) {
			ok = false
		}
		if !ok {
			return nil, encodingProblem{ErrUnknownEncoding}
		}
		t.Encoding, t.Detected = enc, true
	}
	var text io.Reader = &utf8Checker{r: br}
	if d := t.Encoding.decoder(); d != nil {
		text = transform.NewReader(br, d)
	}
	tr := bufio.NewReaderSize(text, 4096)
	if bom, err := tr.Peek(3); err == nil && string(bom) == "\uFEFF" {
		tr.Discard(3)
	}
	t.Comma = ','
	first, _ := tr.Peek(4096)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if t.Encoding == EncodingUTF16LE || t.Encoding == EncodingUTF16BE || bytes.Count(first, []byte{'\t'}) > bytes.Count(first, []byte{','}) {
		t.Comma = '\t'
	}
	t.r = tr
	return t, nil
}

// encodingProblem is OpenText's error for an unreadable encoding.
type encodingProblem struct{ msg kam.Text }

func (e encodingProblem) Error() string { return "import: " + e.msg.EN + " (" + e.msg.ZH + ")" }

// Label names the encoding for people.
func (e Encoding) Label() kam.Text {
	switch e {
	case EncodingUTF8:
		return kam.T("UTF-8", "UTF-8")
	case EncodingGB18030:
		return kam.T("GBK / GB18030 (Chinese Excel's CSV)", "GBK / GB18030（中文版 Excel 的 CSV）")
	case EncodingUTF16LE, EncodingUTF16BE:
		return kam.T("UTF-16 (Excel's Unicode text)", "UTF-16（Excel 的 Unicode 文本）")
	}
	return kam.T(string(e), string(e))
}

// utf8Checker passes UTF-8 text through and fails at the first invalid
// sequence, so that a file that is not all UTF-8 stops with a reason
// instead of storing garbage.
type utf8Checker struct {
	r    io.Reader
	buf  []byte // checked text not yet returned
	tail []byte // an incomplete character from the previous read
	err  error
}

func (c *utf8Checker) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		chunk := make([]byte, 4096)
		n := copy(chunk, c.tail)
		m, err := c.r.Read(chunk[n:])
		n += m
		chunk = chunk[:n]
		c.tail = nil
		good := n
		if err == nil {
			// Hold back an incomplete character at the end.
			for i := 1; i < utf8.UTFMax && i <= n; i++ {
				if utf8.RuneStart(chunk[n-i]) {
					if !utf8.FullRune(chunk[n-i:]) {
						good = n - i
						c.tail = append([]byte(nil), chunk[good:]...)
					}
					break
				}
			}
		}
		if !utf8.Valid(chunk[:good]) || (err == io.EOF && len(c.tail) > 0) {
			c.err = encodingProblem{ErrUnknownEncoding}
			return 0, c.err
		}
		c.buf = chunk[:good]
		if err != nil {
			c.err = err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}
