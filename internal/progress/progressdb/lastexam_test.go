package progressdb

import (
	"context"
	"reflect"
	"testing"
)

func TestLastExamItemsPerExamSurviveReopenAndReset(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if ids, err := s.LastExamItems(ctx, "SCS-C03"); err != nil || ids != nil {
		t.Fatalf("before any exam: %v %v", ids, err)
	}
	if err := s.SetLastExamItems(ctx, "SCS-C03", []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLastExamItems(ctx, "scs-c03", []string{"c"}); err != nil { // replaces, any case
		t.Fatal(err)
	}
	if err := s.SetLastExamItems(ctx, "SAA-C03", []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLastExamItems(ctx, " ", nil); err == nil {
		t.Fatal("an exam ID is required")
	}
	s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ids, _ := s.LastExamItems(ctx, "SCS-C03"); !reflect.DeepEqual(ids, []string{"c"}) {
		t.Fatalf("SCS-C03 after reopen: %v", ids)
	}
	if ids, _ := s.LastExamItems(ctx, "SAA-C03"); !reflect.DeepEqual(ids, []string{"x"}) {
		t.Fatalf("SAA-C03: %v", ids)
	}
	if _, err := s.ResetAll(ctx); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.LastExamItems(ctx, "SCS-C03"); ids != nil {
		t.Fatalf("a full reset forgets the last exam too: %v", ids)
	}
}
