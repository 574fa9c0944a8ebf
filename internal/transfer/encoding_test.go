package transfer

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

const sheetUTF8 = "姓名,职务,邮箱\n张伟,采购总监,zhang@example.com\n李娜,信息部经理,li@example.com\n"

func encode(t testing.TB, e Encoding, s string) []byte {
	t.Helper()
	var enc transform.Transformer
	switch e {
	case EncodingGB18030:
		enc = simplifiedchinese.GBK.NewEncoder() // what Chinese Excel writes
	case EncodingUTF16LE:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	case EncodingUTF16BE:
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder()
	default:
		return []byte(s)
	}
	b, _, err := transform.Bytes(enc, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every encoding Excel writes a sheet in reads back as the same rows, the
// encoding named; a GBK file was refused before this change with
// `column "\xd0\xd5\xc3\xfb" is not one of …`.
func TestOpenTextReadsEveryEncodingExcelWrites(t *testing.T) {
	t.Parallel()
	tabbed := strings.ReplaceAll(sheetUTF8, ",", "\t")
	cases := []struct {
		name  string
		raw   []byte
		want  Encoding
		comma rune
	}{
		{"UTF-8", []byte(sheetUTF8), EncodingUTF8, ','},
		{"UTF-8 with BOM (Excel's CSV UTF-8)", append([]byte{0xEF, 0xBB, 0xBF}, sheetUTF8...), EncodingUTF8, ','},
		{"GBK (Chinese Excel's CSV)", encode(t, EncodingGB18030, sheetUTF8), EncodingGB18030, ','},
		{"UTF-16LE tab-separated (Excel's Unicode text)", encode(t, EncodingUTF16LE, tabbed), EncodingUTF16LE, '\t'},
		{"UTF-16BE", encode(t, EncodingUTF16BE, tabbed), EncodingUTF16BE, '\t'},
		{"UTF-8 tab-separated", []byte(tabbed), EncodingUTF8, '\t'},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, err := OpenText(bytes.NewReader(c.raw), "")
			if err != nil {
				t.Fatal(err)
			}
			if f.Encoding != c.want || !f.Detected || f.Comma != c.comma {
				t.Fatalf("detected %s (comma %q), want %s (comma %q)", f.Encoding, f.Comma, c.want, c.comma)
			}
			cr := csv.NewReader(f)
			cr.Comma = f.Comma
			rows, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 3 || rows[0][0] != "姓名" || rows[1][1] != "采购总监" || rows[2][2] != "li@example.com" {
				t.Errorf("rows %q", rows)
			}
		})
	}
}

// A chosen encoding wins over detection.
func TestOpenTextTakesTheChosenEncoding(t *testing.T) {
	t.Parallel()
	raw := encode(t, EncodingGB18030, sheetUTF8)
	f, err := OpenText(bytes.NewReader(raw), EncodingGB18030)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	if string(b) != sheetUTF8 || f.Detected {
		t.Errorf("read %q (detected %v)", b, f.Detected)
	}
	if e, ok := ParseEncoding("GBK"); !ok || e != EncodingGB18030 {
		t.Errorf("ParseEncoding(GBK) = %q, %v", e, ok)
	}
}

// Bytes that are no text in any encoding kam reads are refused with what
// to do, not read as garbage.
func TestOpenTextRefusesWhatIsNoText(t *testing.T) {
	t.Parallel()
	junk := []byte{0x81, 0x20, 0xFF, 0x81, 0x7F, 0x80, 0xFF, 0xFE + 1, 0x81}
	_, err := OpenText(bytes.NewReader(junk), "")
	if err == nil || !strings.Contains(err.Error(), "CSV UTF-8") || !strings.Contains(err.Error(), "另存为") {
		t.Errorf("junk: %v", err)
	}
}

// Detection reads a sample: a character cut at the end of the sample does
// not make a UTF-8 or GBK file look like something else.
func TestDetectionSurvivesACutCharacter(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("华信集团数字化办公平台,", 4000) // over 64 KiB
	for _, e := range []Encoding{EncodingUTF8, EncodingGB18030} {
		raw := encode(t, e, long)
		for cut := sniffSize - 3; cut <= sniffSize; cut++ {
			if got, ok := DetectEncoding(raw[:cut]); !ok || got != e {
				t.Errorf("%s cut at %d: detected %s %v", e, cut, got, ok)
			}
		}
	}
}

// OpenText never panics and always yields valid UTF-8.
func FuzzOpenText(f *testing.F) {
	f.Add([]byte(sheetUTF8))
	f.Add(encode(f, EncodingGB18030, sheetUTF8))
	f.Add(encode(f, EncodingUTF16LE, sheetUTF8))
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Add([]byte{0xEF, 0xBB, 0xBF, 0xE4})
	f.Fuzz(func(t *testing.T, raw []byte) {
		tf, err := OpenText(bytes.NewReader(raw), "")
		if err != nil {
			return
		}
		b, err := io.ReadAll(tf)
		if err != nil {
			return
		}
		if !utf8.Valid(b) {
			t.Errorf("%s gave invalid UTF-8 %q", tf.Encoding, b)
		}
	})
}

// A UTF-8 file with a stray byte after the detection sample stops with
// the encoding problem, whatever size the reader asks for.
func TestAStrayByteLaterInAUTF8FileStops(t *testing.T) {
	t.Parallel()
	raw := append([]byte(strings.Repeat("张伟,采购总监\n", 10000)), 0xFF, '\n')
	for _, size := range []int{1, 2, 3, 7, 4096, 1 << 20} {
		f, err := OpenText(bytes.NewReader(raw), "")
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		buf := make([]byte, size)
		for {
			n, err := f.Read(buf)
			got = append(got, buf[:n]...)
			if err == io.EOF {
				t.Fatalf("size %d: read to the end without the problem", size)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "CSV UTF-8") {
					t.Errorf("size %d: %v", size, err)
				}
				break
			}
		}
		if !utf8.Valid(got) || !bytes.HasPrefix(raw, got) {
			t.Errorf("size %d: passed on %d bytes that are not the file's start", size, len(got))
		}
	}
}
