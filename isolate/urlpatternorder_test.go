package isolate

import (
	"strings"
	"testing"
)

// TestURLPatternGroupOrder checks groupOrder against the key orders real workerd's exec() gave
// for these names (observed with workerd 2026-08-22, urlpattern_standard).
func TestURLPatternGroupOrder(t *testing.T) {
	cases := map[string]string{
		"a,b": "b,a", "y,id": "id,y", "a,b,c": "b,c,a", "y,id,category": "category,id,y", "a,b,c,d": "c,d,b,a", "d,e,x,y": "y,x,e,d",
		"y,id,category,foo": "category,foo,id,y", "foo,bar,baz,year": "baz,bar,year,foo", "a,b,c,d,e": "e,d,b,c,a", "d,e,x,y,id": "id,e,y,x,d",
		"y,id,category,foo,bar": "bar,foo,id,category,y", "foo,bar,baz,year,month": "month,baz,bar,year,foo", "a,b,c,d,e,x": "x,d,c,e,b,a",
		"d,e,x,y,id,category": "y,x,category,e,id,d", "foo,bar,baz,year,month,day": "month,year,bar,day,baz,foo", "a,b,c,d,e,x,y": "y,x,d,c,e,b,a",
		"d,e,x,y,id,category,foo": "foo,y,x,category,e,id,d", "foo,bar,baz,year,month,day,slug": "slug,month,year,bar,day,baz,foo",
		"a,b,c,d,e,x,y,id": "y,e,id,d,x,c,b,a", "d,e,x,y,id,category,foo,bar": "foo,bar,category,y,x,e,id,d",
		"y,id,category,foo,bar,baz,year,month": "baz,foo,bar,category,year,id,month,y", "foo,bar,baz,year,month,day,slug,user": "month,slug,year,user,day,baz,bar,foo",
		"year,month,day,slug,user,name": "user,slug,day,name,month,year", "year,month,day,slug,user": "user,day,month,slug,year",
	}
	for in, want := range cases {
		names := strings.Split(in, ",")
		var got []string
		for _, i := range groupOrder(names) {
			got = append(got, names[i])
		}
		if g := strings.Join(got, ","); g != want {
			t.Errorf("%s: got %s want %s", in, g, want)
		}
	}
}
