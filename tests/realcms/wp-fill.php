<?php
/*
 * wp-fill.php: fills one WordPress site (Debian's package, theme Twenty
 * Twenty-One) through WordPress's own API with one commune portal variant.
 * Run by make-wp.sh:  php wp-fill.php HOST VARIANT
 * Variants: ok stale nosection workrules submenu banner footerfocal paged
 */
$host = $argv[1];
$variant = $argv[2];
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_PORT'] = 80;
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/nav-menu.php';

$names = [
	'ok' => 'Tam Đường', 'stale' => 'Bản Hon', 'nosection' => 'Nùng Nàng',
	'workrules' => 'Sơn Bình', 'submenu' => 'Bình Lư', 'banner' => 'Hồ Thầu',
	'footerfocal' => 'Khun Há', 'paged' => 'Giang Ma',
];
$name = 'UBND xã ' . $names[$variant];
$slugname = sanitize_title($names[$variant]);
$mail = 'vanphong.' . $slugname . '@laichau.gov.vn';
wp_install($name, 'admin', 'admin@' . $host, true, '', 'admin-password-fixture');
wp_set_current_user(1);
kses_remove_filters();	/* the administrator may write any markup, as on a real portal */
update_option('siteurl', 'http://' . $host);
update_option('home', 'http://' . $host);
update_option('blogdescription', 'Cổng thông tin điện tử ' . $name . ', huyện Tam Đường, tỉnh Lai Châu');
update_option('WPLANG', 'vi');
update_option('date_format', 'd/m/Y');
update_option('time_format', 'H:i');
update_option('timezone_string', 'Asia/Ho_Chi_Minh');
update_option('category_base', 'chuyen-muc');
update_option('permalink_structure', '/%postname%/');
$GLOBALS['wp_rewrite']->set_permalink_structure('/%postname%/');
$GLOBALS['wp_rewrite']->set_category_base('chuyen-muc');
update_option('posts_per_page', 10);
switch_theme('twentytwentyone');
wp_delete_post(1, true);	/* "Hello world!" */
wp_delete_post(2, true);	/* "Sample Page" */
wp_delete_post(3, true);	/* "Privacy Policy" draft */

function cat($name, $slug, $parent = 0) {
	$t = wp_insert_term($name, 'category', ['slug' => $slug, 'parent' => $parent]);
	return $t['term_id'];
}
function post($title, $body, $date, $cats = [], $type = 'post', $parent = 0) {
	return wp_insert_post([
		'post_title' => $title, 'post_content' => $body, 'post_status' => 'publish',
		'post_date' => $date, 'post_type' => $type, 'post_category' => $cats,
		'post_parent' => $parent, 'post_author' => 1,
	]);
}
/* A small PDF uploaded as an attachment of post $pid; returns its URL. */
function pdf($file, $title, $date, $pid) {
	$ym = substr($date, 0, 4) . '/' . substr($date, 5, 2);
	$body = "%PDF-1.4\n% " . $title . "\n%%EOF\n";
	$up = wp_upload_bits($file, null, $body, $ym);
	$aid = wp_insert_attachment(['post_title' => $title, 'post_mime_type' => 'application/pdf',
		'post_status' => 'inherit', 'post_date' => $date, 'guid' => $up['url']], $up['file'], $pid);
	return $up['url'];
}
function para($s) { return "<!-- wp:paragraph -->\n<p>$s</p>\n<!-- /wp:paragraph -->\n"; }
function filler($n) {
	$t = 'Căn cứ Luật Tiếp cận thông tin số 104/2016/QH13 và Nghị định số 13/2018/NĐ-CP của Chính phủ quy định chi tiết và biện pháp thi hành Luật; để bảo đảm quyền tiếp cận thông tin của công dân, Ủy ban nhân dân xã thông báo như sau.';
	$o = '';
	for ($i = 0; $i < $n; $i++)
		$o .= para($t);
	return $o;
}
function menu_item($menu, $title, $url, $parent = 0, $obj = null) {
	$args = ['menu-item-title' => $title, 'menu-item-status' => 'publish', 'menu-item-parent-id' => $parent];
	if ($obj) {
		$args += $obj;
	} else {
		$args += ['menu-item-url' => $url, 'menu-item-type' => 'custom'];
	}
	return wp_update_nav_menu_item($menu, 0, $args);
}

$tin = cat('Tin tức - Sự kiện', 'tin-tuc');
$news = [
	['Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội quý IV năm 2026', '2026-11-20 08:30:00'],
	['Ra quân xây dựng nông thôn mới tại các bản', '2026-11-12 15:00:00'],
	['Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026', '2026-11-10 10:00:00'],
	['Tuyên truyền Luật Tiếp cận thông tin cho cán bộ, công chức xã', '2026-10-28 09:00:00'],
	['Tiêm phòng vắc xin cho đàn gia súc vụ thu đông', '2026-10-05 14:00:00'],
];
foreach ($news as $n)
	post($n[0], para('Sáng nay, ' . $name . ' đã ' . mb_strtolower($n[0]) . '.') . filler(1), $n[1], [$tin]);
$gt = post('Giới thiệu', para($name . ' nằm ở phía Đông Bắc huyện Tam Đường.') . filler(1), '2026-01-05 08:00:00', [], 'page');
$lh = post('Liên hệ', para('Trụ sở: ' . $name . ', huyện Tam Đường, tỉnh Lai Châu.') . para('Điện thoại: 0213 3876 500'), '2026-01-05 08:00:00', [], 'page');

/* The contact written the ways offices write it (SPEC: phones and e-mail addresses, spambot-proof ones too). */
$cf_key = 0x5a;
$cf = sprintf('%02x', $cf_key);
foreach (str_split($mail) as $ch)
	$cf .= sprintf('%02x', ord($ch) ^ $cf_key);
$contacts = [
	'ok' => para('Điện thoại: (0213) 3876 543') . para('Thư điện tử: ' . str_replace('@', '[at]', $mail)),
	'stale' => para('ĐT: 0213.3876.543 - Email: <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="' . $cf . '">[email&#160;protected]</a>'),
	'workrules' => para('SĐT 02133 876 543; thư điện tử ' . str_replace('@', ' (a) ', $mail)),
	'submenu' => para('Di động: 0912 345 678') . para('Email: ' . str_replace('.vn', '[.]vn', $mail)),
	'banner' => para('Tel: +84 213 3876 543') . para('E-mail: ' . $mail),
	'paged' => para('0213 3876 543') . para('<joomla-hidden-mail is-link="1" is-email="1" first="' . base64_encode(explode('@', $mail)[0]) . '" last="' . base64_encode(explode('@', $mail)[1]) . '" text="" base="">Địa chỉ email này đang được bảo vệ khỏi chương trình thư rác, bạn cần bật JavaScript để xem nó.</joomla-hidden-mail>'),
];

$footer_contact = '';
if ($variant == 'nosection' || $variant == 'footerfocal') {
	/* The footer's contact line, in the footer widget area: never a focal point. */
	$footer_contact = "<!-- wp:paragraph -->\n<p><strong>Đầu mối cung cấp thông tin:</strong> Văn phòng HĐND - UBND xã, điện thoại: 0213 3876 511, email: $mail</p>\n<!-- /wp:paragraph -->";
}

$menu = wp_create_nav_menu('Menu chính');
menu_item($menu, 'Trang chủ', 'http://' . $host . '/');
$gt_item = menu_item($menu, 'Giới thiệu', '', 0, ['menu-item-object' => 'page', 'menu-item-object-id' => $gt, 'menu-item-type' => 'post_type']);
menu_item($menu, 'Tin tức - Sự kiện', '', 0, ['menu-item-object' => 'category', 'menu-item-object-id' => $tin, 'menu-item-type' => 'taxonomy']);

$banner_html = '';
if ($variant != 'nosection') {
	$tc = cat('Tiếp cận thông tin', 'tiep-can-thong-tin');
	$tcobj = ['menu-item-object' => 'category', 'menu-item-object-id' => $tc, 'menu-item-type' => 'taxonomy'];
	if ($variant == 'submenu')
		menu_item($menu, 'Tiếp cận thông tin', '', $gt_item, $tcobj);
	elseif ($variant == 'banner')
		$banner_html = '<!-- wp:image {"linkDestination":"custom"} --><figure class="wp-block-image"><a href="http://' . $host . '/chuyen-muc/tiep-can-thong-tin/"><img src="http://' . $host . '/wp-content/uploads/banner-tctt.png" alt="Chuyên mục Tiếp cận thông tin"/></a></figure><!-- /wp:image -->';
	else
		menu_item($menu, 'Tiếp cận thông tin', '', 0, $tcobj);

	$docs = [];
	if ($variant == 'workrules') {
		$p = post('Quy chế làm việc của Ủy ban nhân dân xã nhiệm kỳ 2026 - 2031', para('Ban hành kèm theo Quyết định số 02/QĐ-UBND ngày 05/01/2026.') . filler(1), '2026-01-06 08:00:00', [$tc]);
		$u = pdf('quy-che-lam-viec.pdf', 'Quy chế làm việc', '2026-01-06 08:00:00', $p);
		wp_update_post(['ID' => $p, 'post_content' => get_post($p)->post_content . para('<a href="' . $u . '">Tải về</a>')]);
	} else {
		$p = post('Quy chế cung cấp thông tin cho công dân của UBND xã', para('Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 10/03/2026 của Ủy ban nhân dân xã.') . filler(1), '2026-03-10 16:02:00', [$tc]);
		$u = pdf('quy-che-cung-cap-thong-tin.pdf', 'Quy chế cung cấp thông tin', '2026-03-10 16:02:00', $p);
		wp_update_post(['ID' => $p, 'post_content' => get_post($p)->post_content . para('<a href="' . $u . '">Tải về</a>')]);
	}
	post('Danh mục thông tin phải được công khai của UBND xã năm 2026', filler(2) . para('Danh mục gồm 12 nhóm thông tin theo Điều 17 Luật Tiếp cận thông tin.'), '2026-09-15 09:17:00', [$tc]);
	if ($variant == 'stale')
		post('Quyết định số 231/QĐ-UBND ngày 01/10/2024 ban hành Danh mục thông tin được tiếp cận có điều kiện', filler(2), '2024-10-01 15:30:00', [], 'page');
	else
		post('Danh mục thông tin được tiếp cận có điều kiện', filler(2) . para('Ban hành ngày 20/08/2026.'), '2026-08-20 10:00:00', [$tc]);
	if ($variant != 'footerfocal') {
		$fp = post('Thông báo về đầu mối cung cấp thông tin của UBND xã', para('Ủy ban nhân dân xã thông báo đầu mối cung cấp thông tin như sau:') . filler(4) . para('Đầu mối: Văn phòng HĐND - UBND xã, ông Lò Văn Minh, công chức Văn phòng - Thống kê.') . $contacts[$variant], '2026-07-01 08:00:00', [$tc]);
		/* A reader's comment: replies to it are ?replytocom= links. */
		wp_insert_comment(['comment_post_ID' => $fp, 'comment_author' => 'Nguyễn Văn An', 'comment_content' => 'Cảm ơn Ủy ban, thông tin rất hữu ích.', 'comment_approved' => 1, 'comment_date' => '2026-11-25 19:45:00']);
	}
	if ($variant == 'paged') {
		/* A long section: the oldest notices fall on its page 2. */
		for ($i = 1; $i <= 12; $i++)
			post(sprintf('Công khai thông tin về ngân sách xã tháng %d năm 2026', $i), para('Thông tin ngân sách tháng ' . $i . '.'), sprintf('2026-%02d-25 08:00:00', $i <= 11 ? $i : 11), [$tc]);
	}
	if ($variant == 'stale') {
		/* The section links its catalog page, as pages have no category. */
		$pg = get_page_by_title('Quyết định số 231/QĐ-UBND ngày 01/10/2024 ban hành Danh mục thông tin được tiếp cận có điều kiện');
		post('Danh mục thông tin được tiếp cận có điều kiện của xã', para('Xem <a href="' . get_permalink($pg) . '">Quyết định số 231/QĐ-UBND ngày 01/10/2024 ban hành Danh mục thông tin được tiếp cận có điều kiện</a>.'), '2024-10-02 08:00:00', [$tc]);
	}
}
menu_item($menu, 'Liên hệ', '', 0, ['menu-item-object' => 'page', 'menu-item-object-id' => $lh, 'menu-item-type' => 'post_type']);
set_theme_mod('nav_menu_locations', ['primary' => $menu]);

/* The footer widget area: WordPress's default blocks, a calendar, the meta links, and the variant's extras. */
$blocks = [
	2 => '<!-- wp:search /-->',
	3 => '<!-- wp:group --><div class="wp-block-group"><!-- wp:heading --><h2>Bài viết mới</h2><!-- /wp:heading --><!-- wp:latest-posts /--></div><!-- /wp:group -->',
	4 => '<!-- wp:group --><div class="wp-block-group"><!-- wp:heading --><h2>Lưu trữ</h2><!-- /wp:heading --><!-- wp:archives /--></div><!-- /wp:group -->',
	5 => '<!-- wp:calendar /-->',
	6 => '<!-- wp:loginout /-->',
	7 => '<!-- wp:rss {"feedURL":""} /--><!-- wp:paragraph --><p><a href="http://' . $host . '/feed/">RSS bài viết</a> - <a href="http://' . $host . '/comments/feed/">RSS bình luận</a></p><!-- /wp:paragraph -->',
];
if ($banner_html)
	$blocks[8] = $banner_html;
if ($footer_contact)
	$blocks[9] = $footer_contact;
$wb = [];
$ids = [];
foreach ($blocks as $k => $c) {
	$wb[$k] = ['content' => $c];
	$ids[] = 'block-' . $k;
}
$wb['_multiwidget'] = 1;
update_option('widget_block', $wb);
update_option('sidebars_widgets', ['wp_inactive_widgets' => [], 'sidebar-1' => $ids, 'array_version' => 3]);
flush_rewrite_rules(false);
echo "filled $host ($variant)\n";
