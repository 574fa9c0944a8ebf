package draw

// maxTreeDepth caps how deep a drawn tree goes; people below it start a new
// tree beside the others, so a long or broken reporting chain stays drawable.
const maxTreeDepth = 12

// treeGap is the space, in slots, left between two separate trees.
const treeGap = 0.4

// placed is one node of a laid-out forest.
type placed struct {
	id     int64
	depth  int
	slot   float64 // horizontal position in slots (one slot per leaf)
	parent int     // index into the forest, -1 for a root
}

// forest is a tidy layout of a reporting forest: leaves packed left to right,
// each parent centred over its children.
type forest struct {
	nodes []placed // in pre-order
	width float64  // in slots
	depth int      // number of levels
	index map[int64]int
}

// layoutForest lays out ids (already in sibling order) as trees by
// parentOf. An id whose parent is missing, zero or itself is a root. Every id
// appears exactly once: cycles are broken at their member that comes first in
// ids, and chains deeper than maxTreeDepth continue as new trees.
func layoutForest(ids []int64, parentOf func(int64) int64) forest {
	present := make(map[int64]bool, len(ids))
	for _, id := range ids {
		present[id] = true
	}
	order := make(map[int64]int, len(ids))
	children := make(map[int64][]int64)
	var roots []int64
	for i, id := range ids {
		if _, dup := order[id]; dup {
			continue
		}
		order[id] = i
		p := parentOf(id)
		if p == 0 || p == id || !present[p] {
			roots = append(roots, id)
			continue
		}
		children[p] = append(children[p], id)
	}

	f := forest{index: make(map[int64]int, len(ids))}
	next := 0.0 // next free leaf slot

	var visit func(id int64, depth, parent int, queue *[]int64) float64
	visit = func(id int64, depth, parent int, queue *[]int64) float64 {
		i := len(f.nodes)
		f.index[id] = i
		f.nodes = append(f.nodes, placed{id: id, depth: depth, parent: parent})
		if depth+1 > f.depth {
			f.depth = depth + 1
		}
		first, last := -1.0, -1.0
		for _, c := range children[id] {
			if _, seen := f.index[c]; seen {
				continue // a cycle back to an ancestor
			}
			if depth+1 >= maxTreeDepth {
				*queue = append(*queue, c)
				continue
			}
			x := visit(c, depth+1, i, queue)
			if first < 0 {
				first = x
			}
			last = x
		}
		if first < 0 {
			f.nodes[i].slot = next
			next++
		} else {
			f.nodes[i].slot = (first + last) / 2
		}
		return f.nodes[i].slot
	}

	plant := func(root int64) {
		queue := []int64{root}
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			if _, seen := f.index[id]; seen {
				continue
			}
			if len(f.nodes) > 0 {
				next += treeGap
			}
			visit(id, 0, -1, &queue)
		}
	}
	for _, r := range roots {
		plant(r)
	}
	// What is left hangs under a cycle: start each cycle at its first member.
	for _, id := range ids {
		if _, seen := f.index[id]; seen {
			continue
		}
		plant(cycleStart(id, parentOf, order))
	}
	f.width = next
	return f
}

// cycleStart walks up from id to the cycle its chain ends in, and returns
// that cycle's member that comes first in the sibling order.
func cycleStart(id int64, parentOf func(int64) int64, order map[int64]int) int64 {
	seen := map[int64]bool{}
	for !seen[id] {
		seen[id] = true
		id = parentOf(id)
	}
	best := id
	for m := parentOf(id); m != id; m = parentOf(m) {
		if order[m] < order[best] {
			best = m
		}
	}
	return best
}
