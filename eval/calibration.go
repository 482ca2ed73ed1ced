package eval

import "math"

// ReliabilityBins is the number of equal-width confidence bins of a
// Reliability: [0, 0.1), [0.1, 0.2), …, [0.9, 1].
const ReliabilityBins = 10

// Bin is one confidence bin of a reliability table.
type Bin struct {
	// Count is the number of decisions whose confidence fell in the bin.
	Count int
	// ConfSum sums their confidences and Right counts the correct ones.
	ConfSum float64
	Right   int
}

// MeanConfidence is the bin's mean confidence, in [0, 1]; 0 when empty.
func (b Bin) MeanConfidence() float64 {
	if b.Count == 0 {
		return 0
	}
	return b.ConfSum / float64(b.Count)
}

// Accuracy is the share of the bin's decisions that were right; 0 when
// empty.
func (b Bin) Accuracy() float64 { return ratio(b.Right, b.Count) }

// Reliability counts decisions by confidence: whether a confidence of 0.8
// is right 80% of the time. The zero value is empty and ready.
type Reliability struct {
	Bins [ReliabilityBins]Bin
}

// binOf is the bin of confidence c, clamped to [0, 1] (1 falls in the last
// bin).
func binOf(c float64) int {
	if !(c > 0) { // NaN too
		return 0
	}
	return min(ReliabilityBins-1, int(c*ReliabilityBins))
}

// Add counts one decision made with confidence c (in [0, 1]) that was right
// or not.
func (r *Reliability) Add(c float64, right bool) {
	if !(c >= 0) { // NaN too
		c = 0
	}
	b := &r.Bins[binOf(c)]
	b.Count++
	b.ConfSum += math.Min(1, c)
	if right {
		b.Right++
	}
}

// Total is the number of decisions counted.
func (r *Reliability) Total() int {
	n := 0
	for _, b := range r.Bins {
		n += b.Count
	}
	return n
}

// ECE is the expected calibration error: the count-weighted mean over the
// bins of |accuracy − mean confidence|, in [0, 1]; 0 when empty.
func (r *Reliability) ECE() float64 {
	n := r.Total()
	if n == 0 {
		return 0
	}
	e := 0.0
	for _, b := range r.Bins {
		if b.Count > 0 {
			e += float64(b.Count) / float64(n) * math.Abs(b.Accuracy()-b.MeanConfidence())
		}
	}
	return e
}
