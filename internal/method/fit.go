package method

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Sample is one closed deal for fitting health weights: its factor values
// (from Features) and whether it was won.
type Sample struct {
	Factors map[string]float64 `json:"factors"`
	Won     bool               `json:"won"`
	// Cap is the deal's lowest knockout cap (KnockoutLimit of Knockouts at
	// the same day), 0 when none held. The held-out check scores a deal as
	// Health does, cap included.
	Cap int `json:"cap,omitempty"`
}

// CalibrationBin compares predicted health with the actual win rate of the
// held-out deals whose health fell in [From, To).
type CalibrationBin struct {
	From      int     `json:"from"`
	To        int     `json:"to"`
	Deals     int     `json:"deals"`
	Predicted float64 `json:"predicted"` // mean health / 100
	Actual    float64 `json:"actual"`    // share won
}

// FitReport says how well fitted weights predict deals they did not learn
// from.
type FitReport struct {
	NTrain     int     `json:"n_train"`
	NTest      int     `json:"n_test"`
	AUC        float64 `json:"auc"`      // area under the ROC curve on the held-out deals
	Accuracy   float64 `json:"accuracy"` // share of held-out deals predicted right at 50%
	Iterations int     `json:"iterations"`
	Lambda     float64 `json:"lambda"` // the L2 penalty
	// Calibration is the held-out deals' predicted health against their
	// actual win rate, per tenth of the scale (empty tenths left out).
	Calibration []CalibrationBin `json:"calibration"`
	// Held lists the factors the method's signs held at zero: the history
	// pointed the other way (a good factor looking harmful, or a red flag
	// looking helpful), which the fit does not accept.
	Held []string `json:"held"`
}

// MinFitSamples is the fewest closed deals FitWeights learns from.
const MinFitSamples = 30

// ErrTooFewSamples is returned by FitWeights when the history is too thin to
// fit; the caller keeps DefaultWeights.
var ErrTooFewSamples = errors.New("too few closed deals to fit health weights")

// The fit's fixed settings: gradient descent on standardised factors.
const (
	fitIterations = 2000
	fitRate       = 0.5
	fitLambda     = 0.01
)

// FitWeights fits health weights to closed deals by logistic regression
// (full-batch gradient descent with an L2 penalty, on factors standardised
// over the training part), constrained to the method's signs: after every
// step a good factor's weight below zero, or a red flag's above zero, is
// set back to zero (projected gradient), so no fit can call a coach harmful
// or an open red flag helpful. The knockouts stay outside the fit: Health
// caps the score whatever the weights. It holds out about a quarter of the
// won and a quarter of the lost deals, chosen by seed, and reports AUC,
// accuracy and calibration on them, each deal scored with its cap. The same
// samples and seed always give the same weights.
//
// It needs at least MinFitSamples samples with at least two won and two
// lost; otherwise it returns an error wrapping ErrTooFewSamples.
func FitWeights(samples []Sample, seed int64) (Weights, FitReport, error) {
	var won, lost []int
	for i, s := range samples {
		if s.Won {
			won = append(won, i)
		} else {
			lost = append(lost, i)
		}
	}
	if len(samples) < MinFitSamples || len(won) < 2 || len(lost) < 2 {
		return Weights{}, FitReport{}, fmt.Errorf("%w: %d deals (%d won, %d lost); need %d with at least 2 of each",
			ErrTooFewSamples, len(samples), len(won), len(lost), MinFitSamples)
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x6b616d)) // "kam"
	var train, test []int
	for _, class := range [][]int{won, lost} {
		r.Shuffle(len(class), func(i, j int) { class[i], class[j] = class[j], class[i] })
		k := max(1, int(math.Round(float64(len(class))/4)))
		test = append(test, class[:k]...)
		train = append(train, class[k:]...)
	}
	slices.Sort(train)
	slices.Sort(test)

	ids := FactorIDs()
	d := len(ids)
	x := func(i, j int) float64 { return samples[i].Factors[ids[j]] }

	// Standardise over the training part; a constant factor gets no weight.
	mean := make([]float64, d)
	sd := make([]float64, d)
	for j := range d {
		for _, i := range train {
			mean[j] += x(i, j)
		}
		mean[j] /= float64(len(train))
		for _, i := range train {
			dv := x(i, j) - mean[j]
			sd[j] += dv * dv
		}
		sd[j] = math.Sqrt(sd[j] / float64(len(train)))
	}
	z := make([][]float64, len(train))
	y := make([]float64, len(train))
	for k, i := range train {
		z[k] = make([]float64, d)
		for j := range d {
			if sd[j] > 1e-9 {
				z[k][j] = (x(i, j) - mean[j]) / sd[j]
			}
		}
		if samples[i].Won {
			y[k] = 1
		}
	}
	w := make([]float64, d)
	grad := make([]float64, d)
	var b float64
	n := float64(len(train))
	for range fitIterations {
		clear(grad)
		var gb float64
		for k := range z {
			e := sigmoid(b+dot(w, z[k])) - y[k]
			gb += e
			for j, v := range z[k] {
				grad[j] += e * v
			}
		}
		b -= fitRate * gb / n
		for j := range w {
			w[j] -= fitRate * (grad[j]/n + fitLambda*w[j])
			if w[j]*factorInfo[j].sign < 0 {
				w[j] = 0 // against the method's sign: held at zero
			}
		}
	}
	var held []string
	for j := range w {
		if w[j] == 0 && sd[j] > 1e-9 {
			held = append(held, ids[j])
		}
	}

	// Back to raw factor values, so Health needs no standardisation.
	out := Weights{Source: WeightsFitted, Bias: b, W: make(map[string]float64, d), Samples: len(samples)}
	for j, id := range ids {
		if sd[j] > 1e-9 {
			out.W[id] = w[j] / sd[j]
			out.Bias -= w[j] * mean[j] / sd[j]
		} else {
			out.W[id] = 0
		}
	}

	score := make([]float64, len(test))
	label := make([]bool, len(test))
	right := 0
	for k, i := range test {
		zz := out.Bias
		for j, id := range ids {
			zz += out.W[id] * x(i, j)
		}
		score[k] = sigmoid(zz)
		if c := samples[i].Cap; c > 0 {
			score[k] = min(score[k], float64(c)/100)
		}
		label[k] = samples[i].Won
		if (score[k] >= 0.5) == label[k] {
			right++
		}
	}
	rep := FitReport{
		NTrain: len(train), NTest: len(test),
		AUC:        auc(score, label),
		Accuracy:   float64(right) / float64(len(test)),
		Iterations: fitIterations, Lambda: fitLambda,
		Calibration: calibration(score, label), Held: held,
	}
	out.AUC = rep.AUC
	return out, rep, nil
}

// calibration bins scores (0–1) by tenths of health and compares each
// bin's mean score with its share of won deals.
func calibration(score []float64, won []bool) []CalibrationBin {
	var bins [10]CalibrationBin
	for i, s := range score {
		k := min(int(s*10), 9)
		b := &bins[k]
		b.Deals++
		b.Predicted += s
		if won[i] {
			b.Actual++
		}
	}
	out := []CalibrationBin{}
	for k := range bins {
		b := bins[k]
		if b.Deals == 0 {
			continue
		}
		b.From, b.To = 10*k, 10*k+10
		b.Predicted /= float64(b.Deals)
		b.Actual /= float64(b.Deals)
		out = append(out, b)
	}
	return out
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// auc is the probability that a random won deal scores above a random lost
// one (ties count half): the Mann–Whitney form of the area under the ROC
// curve. It is NaN when either outcome is missing.
func auc(score []float64, won []bool) float64 {
	var pairs, wins float64
	for i := range score {
		if !won[i] {
			continue
		}
		for j := range score {
			if won[j] {
				continue
			}
			pairs++
			switch {
			case score[i] > score[j]:
				wins++
			case score[i] == score[j]:
				wins += 0.5
			}
		}
	}
	if pairs == 0 {
		return math.NaN()
	}
	return wins / pairs
}
