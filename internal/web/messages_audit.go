package web

import "kam/internal/kam"

// auditMessages (a part of the catalogue, messageTables) are the record history's words: what was done (verbs in the
// reader's language), to which kind of record, and the words of values.
var auditMessages = map[string]kam.Text{
	"audit.unknown": kam.T("(a record you cannot see)", "（不可见的记录）"),
	"audit.yes":     kam.T("yes", "是"),
	"audit.no":      kam.T("no", "否"),
	"audit.changed": kam.T("(changed)", "（已修改）"),
	"audit.empty":   kam.T("(empty)", "（空）"),
	"audit.kinds":   kam.T("Any kind", "所有类型"),

	"dup.warn":          kam.T("This seems to exist already:", "似乎已经存在："),
	"dup.hint":          kam.T("Open it to work on it, or create the new record anyway.", "请打开已有的记录继续工作，或者仍然新建这条记录。"),
	"dup.create_anyway": kam.T("Create anyway", "仍然新建"),
	"dup.merge":         kam.T("Merge into the same record", "合并到重复的记录"),
	"dup.keep":          kam.T("Record to keep", "保留的记录"),
	"dup.merge_hint":    kam.T("Everything below this record moves to the one kept; this one goes to the trash, and both histories say so.", "本记录下的所有内容将移到保留的记录；本记录移入回收站，两条记录的变更历史都会记下这次合并。"),
	"dup.merge_submit":  kam.T("Merge", "合并"),
	"dup.merged":        kam.T("Merged.", "已合并。"),
}

// auditVerb is what was done, in the reader's language (kam's table).
func auditVerb(action string) kam.Text { return kam.AuditActionName(action) }

// auditKind names a kind of record (kam's table).
func auditKind(entity string) kam.Text { return kam.RecordName(entity) }

// auditField names field key of a record of kind entity as the forms do,
// from kam's field table.
func auditField(entity, key string) kam.Text {
	if t, ok := kam.FieldOf(entity, key); ok {
		return t
	}
	// A field kam's table does not name yet: the form's own label.
	if m, ok := messages["f."+key]; ok {
		return m
	}
	return messages["audit.changed"]
}
