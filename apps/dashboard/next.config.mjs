/** Static export: served by the gateway locally and from S3 behind CloudFront in AWS. Nothing is fetched at build time. */
const config = {
  output: 'export',
  images: { unoptimized: true },
  trailingSlash: false,
  reactStrictMode: true,
  eslint: { ignoreDuringBuilds: true },
  poweredByHeader: false,
};

export default config;
