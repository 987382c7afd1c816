<?php
/* router.php: what WordPress's .htaccess does, for PHP's built-in server (make-wp.sh). */
if (!isset($_SERVER['HTTP_HOST']) || strpos($_SERVER['HTTP_HOST'], ':') === false)
	$_SERVER['SERVER_PORT'] = 80;
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (strncmp($path, '/wp-content/', 12) == 0) {
	$f = '/var/lib/wordpress' . $path;
	if (is_file($f) && strpos($path, '..') === false) {
		if (substr($f, -4) == '.pdf')
			header('Content-Type: application/pdf');
		header('Last-Modified: ' . gmdate('D, d M Y H:i:s', filemtime($f)) . ' GMT');
		readfile($f);
		return true;
	}
}
$doc = $_SERVER['DOCUMENT_ROOT'];
if ($path != '/' && is_file($doc . $path))
	return false;
if (is_dir($doc . $path) && is_file($doc . rtrim($path, '/') . '/index.php')) {
	$_SERVER['SCRIPT_NAME'] = rtrim($path, '/') . '/index.php';
	require $doc . rtrim($path, '/') . '/index.php';
	return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $doc . '/index.php';
