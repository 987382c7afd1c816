<?php
/* router-nv.php: what NukeViet's .htaccess does, for PHP's built-in server. */
if (!isset($_SERVER['HTTP_HOST']) || strpos($_SERVER['HTTP_HOST'], ':') === false)
	$_SERVER['SERVER_PORT'] = 80;
$_SERVER['SERVER_NAME'] = preg_replace('/:.*/', '', $_SERVER['HTTP_HOST'] ?? 'localhost');
$_SERVER['SERVER_SOFTWARE'] = 'nginx/1.22.1';
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$doc = $_SERVER['DOCUMENT_ROOT'];
if (preg_match('/\.rewrite$/', $path)) {
	$_SERVER['SCRIPT_NAME'] = '/install/rewrite.php';
	$_SERVER['SCRIPT_FILENAME'] = $doc . '/install/rewrite.php';
	chdir($doc . '/install');
	require $doc . '/install/rewrite.php';
	return true;
}
if ($path != '/' && is_file($doc . $path))
	return false;
if (is_dir($doc . $path) && is_file($doc . rtrim($path, '/') . '/index.php')) {
	$_SERVER['SCRIPT_NAME'] = rtrim($path, '/') . '/index.php';
	$_SERVER['SCRIPT_FILENAME'] = $doc . rtrim($path, '/') . '/index.php';
	$_SERVER['PHP_SELF'] = $_SERVER['SCRIPT_NAME'];
	chdir(dirname($_SERVER['SCRIPT_FILENAME']));
	require $_SERVER['SCRIPT_FILENAME'];
	return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $doc . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require $doc . '/index.php';
