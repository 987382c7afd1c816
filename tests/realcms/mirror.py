#!/usr/bin/python3
"""mirror.py: mirror one portal served on 127.0.0.1:PORT under its own Host
name into DEST/HOST/ the way tests/fixsrv serves it back (PATH/index.html for
PATH/, "FILE?QUERY" for a query), leaving images, style sheets and scripts out
(and, to keep the tree small, the text of inline <style> and <svg> icons), and
write the response headers worth replaying (content type, Last-Modified,
redirects) as DEST/HOST/_rules.
Usage: [MIRROR_SEEDS="PATH ..."] /usr/bin/python3 mirror.py PORT HOST DEST [MAX_REQUESTS]"""
import html.parser, http.client, os, re, sys, urllib.parse

port, host, dest = int(sys.argv[1]), sys.argv[2], sys.argv[3]
maxpages = int(sys.argv[4]) if len(sys.argv) > 4 else 400
SKIP_EXT = ('.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.ico', '.css', '.js',
            '.woff', '.woff2', '.ttf', '.eot', '.map')

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'a' and a.get('href'):
            self.links.append(a['href'])

def local(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme not in ('http', '') or (u.netloc and u.netloc != host):
        return None
    path = u.path or '/'
    if path.lower().endswith(SKIP_EXT) or path.startswith('/wp-json') or path.startswith('/wp-admin'):
        return None
    return path + ('?' + u.query if u.query else '')

def fname(target):
    path, _, query = target.partition('?')
    f = urllib.parse.unquote(path)
    if f.endswith('/'):
        f += 'index.html'
    return os.path.join(dest, host, f.lstrip('/')) + ('?' + query if query else '')

def ctype_html(r):
    return (r.getheader('Content-Type') or '').startswith('text/html')

def strip(body):
    """Inline styles and SVG icons say nothing a crawler reads: leave them out, like images."""
    body = re.sub(rb'(<style[^>]*>).*?(</style>)', rb'\1\2', body, flags=re.S | re.I)
    return re.sub(rb'<svg[^>]*>.*?</svg>', b'', body, flags=re.S | re.I)

rules = []
# MIRROR_SEEDS: paths kept whatever their distance from the home page (a section's later pages).
seeds = os.environ.get('MIRROR_SEEDS', '').split()
seen, queue = {'/', *seeds}, ['/'] + seeds
root = os.path.join(dest, host)
n = 0
while queue and n < maxpages:
    target = queue.pop(0)
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
    c.request('GET', target, headers={'Host': host, 'User-Agent': 'tctt-fixture-mirror'})
    r = c.getresponse()
    body = r.read()
    c.close()
    n += 1
    path = target.partition('?')[0]
    if r.status in (301, 302) and '?' not in target:
        loc = r.getheader('Location')
        rules.append('%s redirect %d %s' % (path, r.status, loc))
        t = local(urllib.parse.urljoin('http://%s%s' % (host, target), loc))
        if t and t not in seen:
            seen.add(t)
            queue.append(t)
        continue
    if r.status != 200:
        continue
    f = fname(target)
    if 'redirect_to=' in target:
        continue  # the log-in page again: fixsrv serves the bare wp-login.php for it
    if f.endswith('/index.html') is False and os.path.isdir(f):
        f = os.path.join(f, 'index.html')
    os.makedirs(os.path.dirname(f), exist_ok=True)
    if ctype_html(r):
        body = strip(body)
    with open(f, 'wb') as out:
        out.write(body)
    ctype = r.getheader('Content-Type') or ''
    lm = r.getheader('Last-Modified')
    if '?' not in target:
        if not ctype.startswith('text/html') and not path.endswith('.pdf'):
            rules.append('%s content-type %s' % (path, ctype))
        if lm:
            rules.append('%s last-modified %s' % (path, lm))
    if ctype.startswith('text/html'):
        p = Links()
        p.feed(body.decode('utf-8', 'replace'))
        for href in p.links:
            t = local(urllib.parse.urljoin('http://%s%s' % (host, target), href.strip()))
            if t and t not in seen:
                seen.add(t)
                queue.append(t)
extra = sys.stdin.read() if not sys.stdin.isatty() else ''
with open(os.path.join(root, '_rules'), 'w') as out:
    out.write('# response headers recorded by mirror.py (fixsrv replays them)\n')
    out.write(extra)
    out.write('\n'.join(rules) + '\n')
print('%s: %d requests, %d saved' % (host, n, sum(len(fs) for _, _, fs in os.walk(root))))
