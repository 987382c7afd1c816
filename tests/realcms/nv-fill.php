<?php
/*
 * nv-fill.php: writes one commune portal variant into a NukeViet eGovernment
 * 4.4 install (its sample data kept: menus, blocks, footer) straight into the
 * news and menu modules' tables, as the issue's portals were made. Run by
 * make-nv.sh:  php nv-fill.php SOCKET ROOT VARIANT
 * Variants: ok stale paged nosection
 */
$sock = $argv[1];
$root = $argv[2];
$variant = $argv[3];
$db = new PDO("mysql:unix_socket=$sock;dbname=nv;charset=utf8mb4", 'root', '');
$db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$tz = new DateTimeZone('Asia/Ho_Chi_Minh');
function t($s) { global $tz; return (new DateTime($s, $tz))->getTimestamp(); }
/* NukeViet stores text as its request filter leaves it: "/" as &#x002F;, ":" as &#x3A;, "(" ")" as &#40; &#41;. */
function nvtext($s) { return str_replace(['/', ':', '(', ')'], ['&#x002F;', '&#x3A;', '&#40;', '&#41;'], $s); }
function alias($s) {
	$s = str_replace(['đ', 'Đ'], ['d', 'D'], $s);
	$s = iconv('UTF-8', 'ASCII//TRANSLIT', Normalizer::normalize($s, Normalizer::FORM_D));
	$s = strtolower(preg_replace('/[^A-Za-z0-9]+/', '-', $s));
	return trim($s, '-');
}
$names = ['ok' => 'Mường Kim', 'stale' => 'Ta Gia', 'paged' => 'Pha Mu', 'nosection' => 'Khoen On'];
$name = 'UBND xã ' . $names[$variant];
$mail = 'vanphong.' . alias($names[$variant]) . '@laichau.gov.vn';
$db->exec("UPDATE nv4_config SET config_value = " . $db->quote($name) . " WHERE config_name = 'site_name'");
if ($variant == 'paged')
	$db->exec("UPDATE nv4_config SET config_value = '5' WHERE module = 'news' AND config_name = 'per_page'");
if ($variant == 'nosection')
	exit(0);

$catid = 20;
$db->exec("INSERT INTO nv4_vi_news_cat (catid, parentid, title, titlesite, alias, description, descriptionhtml, image, viewdescription, weight, sort, lev, viewcat, numsubcat, subcatid, numlinks, newday, featured, ad_block_cat, keywords, admins, add_time, edit_time, groups_view, status)
	VALUES ($catid, 0, 'Tiếp cận thông tin', '', 'tiep-can-thong-tin', '', '', '', 0, 10, 10, 0, 'viewcat_page_new', 0, '', 5, 2, 0, '', '', '', " . t('2026-01-05') . ", " . t('2026-01-05') . ", '6', 1)");
$db->exec("CREATE TABLE nv4_vi_news_$catid LIKE nv4_vi_news_rows");
$db->exec("INSERT INTO nv4_vi_menu_rows (parentid, mid, title, link, icon, image, note, weight, sort, lev, subitem, groups_view, module_name, op, target, css, active_type, status)
	VALUES (0, 1, 'Tiếp cận thông tin', '/index.php?language=vi&nv=news&op=tiep-can-thong-tin', '', '', '', 20, 40, 0, '', '6', 'news', 'tiep-can-thong-tin', 1, '', 0, 1)");

/* An article of the section; $file: an attachment under uploads/news/YYYY_MM/ (its link is ?download=1&id=0). */
function article($title, $body, $publ, $file = null) {
	global $db, $catid, $root;
	$ts = t($publ);
	$files = '';
	if ($file) {
		$dir = 'news/' . date('Y_m', $ts);
		@mkdir("$root/uploads/$dir", 0777, true);
		file_put_contents("$root/uploads/$dir/$file", "%PDF-1.4\n% $title\n%%EOF\n");
		$files = "$dir/$file";
	}
	$row = [$catid, (string)$catid, 0, 1, 'Văn phòng', 0, $ts, $ts, 1, 0, $ts, 0, 0, nvtext($title), alias($title), nvtext(mb_substr(strip_tags($body), 0, 200)), '', '', 0, 1, '4', 1, 0, 0, 0, 0, 0, 0, '', 0];
	$cols = 'catid, listcatid, topicid, admin_id, author, sourceid, addtime, edittime, status, weight, publtime, exptime, archive, title, alias, hometext, homeimgfile, homeimgalt, homeimgthumb, inhome, allowed_comm, allowed_rating, external_link, hitstotal, hitscm, total_rating, click_rating, instant_active, instant_template, instant_creatauto';
	$q = $db->prepare("INSERT INTO nv4_vi_news_rows ($cols) VALUES (" . implode(',', array_fill(0, count($row), '?')) . ")");
	$q->execute($row);
	$id = $db->lastInsertId();
	$db->prepare("INSERT INTO nv4_vi_news_$catid SELECT * FROM nv4_vi_news_rows WHERE id = ?")->execute([$id]);
	$db->prepare("INSERT INTO nv4_vi_news_detail (id, titlesite, description, bodyhtml, keywords, sourcetext, files, imgposition, layout_func, copyright, allowed_send, allowed_print, allowed_save) VALUES (?, '', '', ?, '', '', ?, 1, '', 0, 1, 1, 1)")
	    ->execute([$id, $body, $files]);
	return $id;
}
$p = function ($s) { return "<p>$s</p>"; };
$filler = str_repeat($p('Căn cứ Luật Tiếp cận thông tin số 104/2016/QH13 và Nghị định số 13/2018/NĐ-CP của Chính phủ, để bảo đảm quyền tiếp cận thông tin của công dân, Ủy ban nhân dân xã thông báo như sau.'), 3);

article('Quy chế cung cấp thông tin cho công dân của UBND xã', $p('Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 10/03/2026.') . $filler, '2026-03-10 16:02', 'quy-che-cung-cap-thong-tin.pdf');
article('Danh mục thông tin phải được công khai năm 2026', $filler . $p('Danh mục gồm 12 nhóm thông tin theo Điều 17 Luật Tiếp cận thông tin.'), '2026-09-15 09:17', 'danh-muc-cong-khai-2026.pdf');
if ($variant == 'stale')
	article('Quyết định số 231/QĐ-UBND ngày 01/10/2024 ban hành Danh mục thông tin được tiếp cận có điều kiện', $filler, '2024-10-02 08:00');
else
	article('Danh mục thông tin được tiếp cận có điều kiện', $filler, '2026-08-20 10:00');
article('Thông báo về đầu mối cung cấp thông tin của UBND xã', $p('Ủy ban nhân dân xã thông báo đầu mối cung cấp thông tin như sau:') . $filler . $filler
    . $p('Đầu mối: Văn phòng HĐND - UBND xã, ông Lò Văn Minh, công chức Văn phòng - Thống kê.')
    . $p('Điện thoại: 0213.3876.543') . $p('Thư điện tử: ' . str_replace('@', '[at]', $mail)), '2026-07-01 08:00');
if ($variant == 'paged')
	for ($i = 1; $i <= 8; $i++)
		article(sprintf('Công khai thông tin về ngân sách xã tháng %d năm 2026', $i), $p('Thông tin ngân sách tháng ' . $i . '.'), sprintf('2026-%02d-28 08:00', $i + 3));
$n = $db->query("SELECT COUNT(*) FROM nv4_vi_news_$catid")->fetchColumn();
echo "filled $name ($variant): $n articles\n";
