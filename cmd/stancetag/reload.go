package main

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/observe"
	"github.com/stancetag/stancetag/security"
	"github.com/stancetag/stancetag/server"
)

// reloader is what SIGHUP reloads in a running server: the lexicon of
// -lexicon-dir, the TLS key pair and the token file. Each part is loaded in
// full before it replaces the one in use, and a part that fails to load is
// logged and left as it was, so a half-edited file never takes the server
// down. Only the serve goroutine calls reload.
type reloader struct {
	log        *slog.Logger
	load       func(dir string) (classifier.Classifier, error)
	lexiconDir string
	srv        *server.Server
	metrics    *observe.Metrics // nil without -metrics-listen
	version    string           // the binary's, for stancetag_build_info
	keyPair    *security.KeyPair
	certFile   string
	auth       *tokenAuth // nil without -auth-token-file
}

// reload reloads every part and logs the outcome of each.
func (r *reloader) reload() {
	r.log.Info("SIGHUP: reloading")
	r.reloadLexicon()
	if r.keyPair != nil {
		if err := r.keyPair.Reload(); err != nil {
			r.log.Error("TLS reload failed; keeping the certificate in use", "cert", r.certFile, "err", err)
		} else {
			r.log.Info("TLS certificate reloaded", "cert", r.certFile)
		}
	}
	if r.auth != nil {
		if n, err := r.auth.reload(); err != nil {
			r.log.Error("token reload failed; keeping the tokens in use", "err", err)
		} else {
			r.log.Info("tokens reloaded", "file", r.auth.file, "tokens", n)
		}
	}
}

func (r *reloader) reloadLexicon() {
	old := r.srv.Classifier().Version()
	if r.lexiconDir == "" {
		r.log.Info("lexicon not reloaded: the embedded lexicon cannot change (serve with -lexicon-dir to reload one)", "version", old)
		return
	}
	start := time.Now()
	c, err := r.load(r.lexiconDir)
	if err != nil {
		// Lexicon errors name the data file and line.
		r.log.Error("lexicon reload failed; keeping the lexicon in use", "dir", r.lexiconDir, "version", old, "err", err)
		return
	}
	took := time.Since(start)
	if err := r.srv.SetClassifier(c); err != nil {
		r.log.Error("lexicon reload failed; keeping the lexicon in use", "dir", r.lexiconDir, "version", old, "err", err)
		return
	}
	if r.metrics != nil {
		r.metrics.SetLexicon(lexiconEntries(c), took)
		r.metrics.SetBuildInfo(r.version, c.Version())
	}
	r.log.Info("lexicon reloaded", "version", c.Version(), "previous", old, "dir", r.lexiconDir,
		"actors", len(c.Gazetteer()), "took", took.String())
}

// entryCounter is a classifier that can say how many entries each part of
// its lexicon has ("sentiment", "gazetteer", "stance"), for
// stancetag_lexicon_entries.
type entryCounter interface {
	Entries() map[string]int
}

// lexiconEntries counts c's lexicon entries by part: all of them when c
// knows them, else only the gazetteer's actors.
func lexiconEntries(c classifier.Classifier) map[string]int {
	if ec, ok := c.(entryCounter); ok {
		return ec.Entries()
	}
	return map[string]int{"gazetteer": len(c.Gazetteer())}
}

// tokenAuth is bearer-token authentication whose tokens SIGHUP can replace:
// its interceptors check each call against the tokens loaded last. RPCs
// already authorised are not affected by a reload.
type tokenAuth struct {
	file string
	cur  atomic.Pointer[authInterceptors]
}

type authInterceptors struct {
	unary  grpc.UnaryServerInterceptor
	stream grpc.StreamServerInterceptor
}

// newTokenAuth loads file; health stays reachable without a token.
func newTokenAuth(file string) (*tokenAuth, int, error) {
	a := &tokenAuth{file: file}
	n, err := a.reload()
	if err != nil {
		return nil, 0, err
	}
	return a, n, nil
}

// reload reads the file again and, when it is valid, uses its tokens from
// now on. It returns how many tokens the file holds.
func (a *tokenAuth) reload() (int, error) {
	t, err := security.LoadTokens(a.file)
	if err != nil {
		return 0, err
	}
	a.cur.Store(&authInterceptors{unary: t.UnaryInterceptor(), stream: t.StreamInterceptor()})
	return t.Len(), nil
}

// authorizer checks a unary StanceService call against the current tokens
// before its request is decoded (server.WithAuthorizer); the interceptors
// of serverOptions check it again, and every other call.
func (a *tokenAuth) authorizer() server.Authorizer {
	return func(ctx context.Context, fullMethod string) error {
		return server.InterceptorAuthorizer(a.cur.Load().unary)(ctx, fullMethod)
	}
}

// serverOptions returns the interceptors that check every call against the
// current tokens.
func (a *tokenAuth) serverOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			return a.cur.Load().unary(ctx, req, info, h)
		}),
		grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
			return a.cur.Load().stream(srv, ss, info, h)
		}),
	}
}
