package fit

import "math"

// objective returns f(x) and writes its gradient into grad.
type objective func(x, grad []float64) float64

// lbfgsOptions bound a minimisation.
type lbfgsOptions struct {
	Memory   int     // correction pairs kept
	MaxIter  int     // iterations at most
	RelTol   float64 // stop when f improves by less than RelTol·max(1, |f|)
	GradTol  float64 // or when the gradient's max norm falls below it
	MaxSteps int     // halvings of the step in one line search
}

var defaultLBFGS = lbfgsOptions{Memory: 10, MaxIter: 1000, RelTol: 1e-10, GradTol: 1e-5, MaxSteps: 50}

// minimize runs L-BFGS with a backtracking (Armijo) line search from x,
// which it overwrites with the minimiser, and returns f there. Every sum
// runs in a fixed order, so the same input gives the same bits.
func minimize(f objective, x []float64, o lbfgsOptions) float64 {
	n := len(x)
	g := make([]float64, n)
	fx := f(x, g)
	var (
		ss, ys [][]float64
		rhos   []float64
		d      = make([]float64, n)
		xn     = make([]float64, n)
		gn     = make([]float64, n)
		alpha  = make([]float64, o.Memory)
	)
	for iter := 0; iter < o.MaxIter; iter++ {
		if maxAbs(g) < o.GradTol {
			break
		}
		// Two-loop recursion: d = -H·g.
		for i := range d {
			d[i] = -g[i]
		}
		for k := len(ss) - 1; k >= 0; k-- {
			alpha[k] = rhos[k] * dot(ss[k], d)
			axpy(-alpha[k], ys[k], d)
		}
		if k := len(ss) - 1; k >= 0 {
			scale(dot(ss[k], ys[k])/dot(ys[k], ys[k]), d)
		} else {
			scale(1/math.Max(1, norm(g)), d)
		}
		for k := range ss {
			b := rhos[k] * dot(ys[k], d)
			axpy(alpha[k]-b, ss[k], d)
		}
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: restart from the gradient
			ss, ys, rhos = ss[:0], ys[:0], rhos[:0]
			for i := range d {
				d[i] = -g[i] / math.Max(1, norm(g))
			}
			slope = dot(g, d)
		}
		step, fn := 1.0, 0.0
		ok := false
		for range o.MaxSteps {
			for i := range x {
				xn[i] = x[i] + step*d[i]
			}
			fn = f(xn, gn)
			if fn <= fx+1e-4*step*slope {
				ok = true
				break
			}
			step /= 2
		}
		if !ok {
			break
		}
		s := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			s[i] = xn[i] - x[i]
			y[i] = gn[i] - g[i]
		}
		if sy := dot(s, y); sy > 1e-12 {
			if len(ss) == o.Memory {
				ss, ys, rhos = ss[1:], ys[1:], rhos[1:]
			}
			ss, ys, rhos = append(ss, s), append(ys, y), append(rhos, 1/sy)
		}
		copy(x, xn)
		copy(g, gn)
		// A full step that barely improves f ends the search; a shortened
		// one only says the curvature estimate was off.
		done := step == 1 && fx-fn < o.RelTol*math.Max(1, math.Abs(fn))
		fx = fn
		if done {
			break
		}
	}
	return fx
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

func norm(x []float64) float64 { return math.Sqrt(dot(x, x)) }

func maxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}
